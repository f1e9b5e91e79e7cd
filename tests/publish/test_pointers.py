"""orchestration.pointers: a folder of versions behind a symlink and a pointer file, on made-up folders."""
import os

from orchestration import pointers

DEAD = 2 ** 22 + 17  # above pid_max on these machines: no such process


def _version(root, run_id):
    path = pointers.version_path(root, run_id)
    path.mkdir()
    return path


def test_swap_points_the_link_and_the_file_at_the_version_and_replaces_the_old(tmp_path):
    first = _version(tmp_path, "run/1")
    pointers.swap_pointers(tmp_path, first, "current", "CURRENT")
    second = _version(tmp_path, "run-2")
    pointers.swap_pointers(tmp_path, second, "current", "CURRENT")
    assert first.name.endswith("-run_1") and second.name.endswith("-run-2")
    assert os.readlink(tmp_path / "current") == second.name  # relative
    assert (tmp_path / "CURRENT").read_text(encoding="utf-8") == second.name + "\n"
    assert pointers.read_pointer(tmp_path, "CURRENT") == second
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp left


def test_read_pointer_without_a_pointer_is_none(tmp_path):
    assert pointers.read_pointer(tmp_path, "LATEST") is None


def test_prune_keeps_the_newest_and_never_the_current(tmp_path):
    names = ["20260101T000000000000Z-a", "20260102T000000000000Z-b", "20260103T000000000000Z-c"]
    for n in names:
        (tmp_path / n).mkdir()
    (tmp_path / ".tmp-1-ab").mkdir()
    pointers.prune_versions(tmp_path, tmp_path / names[2], keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tmp-1-ab", *names[1:]]
    pointers.prune_versions(tmp_path, tmp_path / names[1], keep=0)  # keeps one at least, and the current
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tmp-1-ab", *names[1:]]


def test_prune_in_the_background_renames_the_old_version_to_a_temp_of_ours_at_once(tmp_path):
    names = ["20260101T000000000000Z-a", "20260102T000000000000Z-b", "20260103T000000000000Z-c"]
    for n in names:
        (tmp_path / n / "region=330523").mkdir(parents=True)
        (tmp_path / n / "region=330523" / "data_0.parquet").write_bytes(b"x")
    pointers.prune_versions(tmp_path, tmp_path / names[2], keep=2, background=True)
    # no longer a version the moment prune returns; its removal (rm -rf, detached) may still run
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left[-2:] == names[1:] and all(n.startswith(f".tmp-{os.getpid()}-") for n in left[:-2]), left
    assert len(left) <= 3
    assert (tmp_path / names[1] / "region=330523" / "data_0.parquet").read_bytes() == b"x"


def test_stale_temps_of_dead_writers_go_ours_only_with_any_pid(tmp_path):
    mine = os.getpid()
    (tmp_path / f".tmp-{DEAD}-abcd").mkdir()
    (tmp_path / f".latest.{DEAD}").symlink_to("nowhere")
    (tmp_path / f".LATEST.{DEAD}").write_text("x")
    (tmp_path / f".tmp-{mine}-beef").mkdir()
    (tmp_path / f".current.{DEAD}").write_text("x")  # another folder's pointer name: not ours to sweep
    version = _version(tmp_path, "run-1")
    removed = pointers.remove_stale_temps(tmp_path, "latest", "LATEST")
    assert sorted(p.name for p in removed) == sorted([f".tmp-{DEAD}-abcd", f".latest.{DEAD}", f".LATEST.{DEAD}"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f".tmp-{mine}-beef", f".current.{DEAD}", version.name])
    assert [p.name for p in pointers.remove_stale_temps(tmp_path, "latest", "LATEST", any_pid=True)] == [
        f".tmp-{mine}-beef"]
    assert version.is_dir()
