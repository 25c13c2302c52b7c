import json

from click.testing import CliRunner

from tallybook.cli.main import cli

TABLE = "a,b,c,count\n1,0,0,120\n0,1,0,95\n0,0,1,80\n1,1,0,40\n1,0,1,30\n0,1,1,25\n1,1,1,12\n"


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_table_to_json_in_the_documented_shape(tmp_path):
    path = tmp_path / "patterns.csv"
    path.write_text(TABLE)
    result = run(
        "estimate",
        "--table",
        str(path),
        "--format",
        "json",
        "--bootstrap",
        "200",
        "--methods",
        "loglinear-bic",
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["observed"] == 402 and doc["lists"] == ["a", "b", "c"]
    [est] = doc["estimates"]
    assert set(est) == {"method", "estimate", "lower", "upper", "level", "warnings"}
    assert est["lower"] <= est["estimate"] <= est["upper"] and est["estimate"] > 402
    assert est["level"] == 0.95


def test_a_bad_table_is_refused_naming_the_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b,count\n1,0,x\n")
    result = run("estimate", "--table", str(path))
    assert result.exit_code == 1
    assert "bad.csv: line 2" in result.output


def test_demo_lists_give_an_estimate_for_each_method_with_an_interval():
    result = run("estimate", "--demo", "--bootstrap", "200")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(ln.startswith("chapman") for ln in lines)
    assert any(ln.startswith("loglinear-bic") for ln in lines)
    assert "2 lists" in lines[0]
