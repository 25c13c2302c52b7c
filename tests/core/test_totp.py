"""One-time codes agree with RFC 6238's published test vectors and refuse what they should."""

import base64

from tallybook.core import totp

# RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1, last 6 digits.
SECRET = base64.b32encode(b"12345678901234567890").decode()
VECTORS = {59: "287082", 1111111109: "081804", 1111111111: "050471", 1234567890: "005924",
           2000000000: "279037"}


def test_codes_match_the_rfc_vectors():
    for t, code in VECTORS.items():
        assert totp.code_at(SECRET, t // 30) == code
        assert totp.verify(SECRET, code, now=t) == t // 30


def test_a_code_from_one_step_away_is_allowed_but_not_two():
    code = totp.code_at(SECRET, 1234567890 // 30)
    assert totp.verify(SECRET, code, now=1234567890 + 30) is not None
    assert totp.verify(SECRET, code, now=1234567890 + 61) is None


def test_malformed_codes_are_refused_not_crashed():
    for bad in ["", "12345", "1234567", "abcdef", "12 34 5", "２８７０８２"]:
        assert totp.verify(SECRET, bad, now=59) is None
    assert totp.verify(SECRET, "287 082", now=59) == 1  # spaces as apps show them


def test_new_secrets_are_distinct_and_provisioning_uri_names_the_account():
    a, b = totp.new_secret(), totp.new_secret()
    assert a != b and len(base64.b32decode(a)) == 20
    uri = totp.provisioning_uri(a, account="analyst one")
    assert uri.startswith("otpauth://totp/tallybook%3Aanalyst%20one?") and f"secret={a}" in uri
