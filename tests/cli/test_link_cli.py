from click.testing import CliRunner

from tallybook.cli.main import cli


def test_link_evaluate_on_the_demo_lists_reports_accuracy():
    result = CliRunner().invoke(cli, ["link", "--evaluate", "--demo"])
    assert result.exit_code == 0, result.output
    assert "demo lists A + B: 427 records, 300 people" in result.output
    pairwise = next(ln for ln in result.output.splitlines() if ln.startswith("pairwise"))
    assert float(pairwise.split()[-1]) >= 0.95
    assert "review queue:" in result.output
