import pytest

from desktop_app.domain.numbers import (
    NumberParseError,
    format_count,
    format_lakh_crore,
    format_percent,
    format_rupees,
    format_size,
    group_indian,
    parse_count,
    parse_rupees,
)


@pytest.mark.parametrize("n, text", [
    (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (99999, "99,999"), (100000, "1,00,000"),
    (1234567, "12,34,567"), (123456789, "12,34,56,789"), (73885, "73,885"), (-1234567, "-12,34,567"),
    (-999, "-999"), (10**12, "10,00,00,00,00,000"),
])
def test_indian_grouping(n, text):
    assert group_indian(n) == text


@pytest.mark.parametrize("paise, text", [
    (0, "Rs. 0"), (69138900, "Rs. 6,91,389"), (186515650, "Rs. 18,65,156.50"), (5, "Rs. 0.05"),
    (-150000, "Rs. -1,500"), (None, "–"),
])
def test_rupees(paise, text):
    assert format_rupees(paise) == text


def test_lakh_and_crore():
    assert format_lakh_crore(186_515_600) == "Rs. 18.65 lakh"
    assert format_lakh_crore(77_30_00_000 * 100) == "Rs. 77.30 crore"
    assert format_lakh_crore(99_999_00) == "Rs. 99,999"


def test_count_and_percent_dashes():
    assert format_count(None) == "–"
    assert format_percent(110, 111) == "99%"
    assert format_percent(5, 0) == "–"
    assert format_percent(5, None) == "–"


@pytest.mark.parametrize("text, value", [
    ("12,34,567", 1234567), ("1,234,567", 1234567), ("1234567", 1234567), (" 73,885 ", 73885),
    ("1.5 lakh", 150000), ("2 crore", 20000000), ("0", 0), ("-12", -12), ("१२,३४५", 12345),
])
def test_parse_count(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text, paise", [
    ("Rs. 6,91,389", 69138900), ("Rs. 6,91,389.50", 69138950), ("18.65 lakh", 186500000),
    ("₹ 500", 50000), ("77.30 crore", 77300000000), ("0.05", 5),
])
def test_parse_rupees(text, paise):
    assert parse_rupees(text) == paise


@pytest.mark.parametrize("text", ["abc", "12,34,5", "1,2345", "12..5", "", "5 dozen", "12a"])
def test_parse_refuses_nonsense(text):
    with pytest.raises(NumberParseError):
        parse_count(text)


def test_parse_refuses_fractions_and_fine_paise():
    with pytest.raises(NumberParseError, match="whole number"):
        parse_count("12.5")
    with pytest.raises(NumberParseError, match="two decimal"):
        parse_rupees("1.005")


def test_hindi_money_words_and_parsing():
    from desktop_app.domain.choices import Unit
    from desktop_app.domain.formatting import format_value

    assert format_rupees(69138900, lang="hi") == "रु. 6,91,389"
    assert format_lakh_crore(186_515_600, "hi") == "रु. 18.65 लाख"
    assert format_lakh_crore(77_30_00_000 * 100, "hi") == "रु. 77.30 करोड़"
    assert format_value(69138900, Unit.INR, "hi") == "रु. 6,91,389"
    assert parse_rupees("रु. 6,91,389") == 69138900
    assert parse_count("1.5 लाख") == 150000


@pytest.mark.parametrize("n, text", [(0, "0 bytes"), (999, "999 bytes"), (1_000, "1.0 KB"),
                                     (12_345_678, "12.3 MB"), (3 * 1000**3, "3.0 GB")])
def test_sizes_read_as_a_clerk_reads_them(n, text):
    assert format_size(n) == text


@pytest.mark.parametrize("n, text", [(12, "1 KB"), (320_400, "320 KB"), (1_500_000, "1.5 MB"),
                                     (2_500_000_000, "2.5 GB")])
def test_a_list_of_files_shows_whole_kilobytes(n, text):
    assert format_size(n, whole_kb=True) == text


@pytest.mark.parametrize("n, text", [(1023, "1,023 bytes"), (64 * 1024**2, "64.0 MiB"),
                                     (1536, "1.5 KiB"), (2 * 1024**3, "2.0 GiB")])
def test_limits_set_in_mib_read_in_mib(n, text):
    assert format_size(n, binary=True) == text
