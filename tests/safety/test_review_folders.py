"""Item 9: in a review folder, links that point outside it, pipes, devices and sockets are
skipped with one line each (a link to /etc/passwd was imported before); nothing waits on a
pipe."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from kinolog.db.catalogue import Catalogue
from tests.safety.helpers import run_kinolog

REVIEW = "Heat (1995)\n\nRegie: Michael Mann\n\nEin langer, guter Film über zwei Männer.\n"


def review_texts(data_dir: Path) -> list[str]:
    catalogue = Catalogue(data_dir / "catalogue.db", access="read")
    try:
        with catalogue.store.read() as conn:
            return [row[0] for row in conn.execute("SELECT body FROM reviews")]
    finally:
        catalogue.close()


def test_links_out_of_the_folder_pipes_devices_and_sockets_are_skipped(
    data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "reviews"
    (folder / "sub").mkdir(parents=True)
    (folder / "heat.txt").write_text(REVIEW, encoding="utf-8")
    (folder / "sub" / "inner.md").write_text("# Alien\n\nA good one, 4/5.\n", encoding="utf-8")
    outside = tmp_path / "private.md"
    outside.write_text("my private notes, not a review\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "private.md").symlink_to(outside)
    (folder / "etc").symlink_to("/etc")
    (folder / "inside-link.md").symlink_to(folder / "sub" / "inner.md")
    os.mkfifo(folder / "fifo.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.md"))
    expected = ["passwd.txt", "private.md", "etc", "fifo.txt", "socket.md"]
    try:
        os.mknod(folder / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        expected.append("null.txt")
    except PermissionError:
        pass  # only root makes devices
    try:
        result = run_kinolog(data_dir, "import", "reviews", str(folder), timeout=120)
    finally:
        server.close()
    lines = result.stderr.splitlines() + result.stdout.splitlines()
    for name in expected:
        [line] = [line for line in lines if f"{folder / name}: skipped" in line]
        assert "outside" in line or "not a regular file" in line, line
    assert f"{len(expected)} skipped" in result.stdout
    texts = review_texts(data_dir)
    assert not any("root:" in text or "private notes" in text for text in texts)
    assert any("zwei Männer" in text for text in texts)  # the real reviews are imported


def test_a_pipe_named_directly_is_skipped_not_waited_on(data_dir: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "review.txt"
    os.mkfifo(pipe)
    result = run_kinolog(data_dir, "import", "reviews", str(pipe), timeout=60)
    assert f"{pipe}: skipped: not a regular file (a pipe)" in result.stderr + result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_named_directly_is_not_read(data_dir: Path) -> None:
    result = run_kinolog(data_dir, "import", "reviews", "/dev/zero", timeout=60)
    assert "/dev/zero: skipped: not a regular file (a device)" in result.stderr + result.stdout
