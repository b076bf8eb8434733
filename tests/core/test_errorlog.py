from desktop_app.errorlog import log_error


def test_errors_are_appended_with_a_time_stamp(tmp_path):
    log = log_error(tmp_path / "logs", "Traceback: one", title="export")
    log_error(tmp_path / "logs", "Traceback: two")
    text = log.read_text(encoding="utf-8")
    assert text.count("--- ") == 2 and " export\nTraceback: one" in text and "Traceback: two" in text


def test_an_unwritable_log_never_raises(tmp_path):
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    assert log_error(blocker, "boom") == blocker / "errors.log"
