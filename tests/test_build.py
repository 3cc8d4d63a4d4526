"""Bad input from the office stops the build with a message a content editor can act on.

Each case runs the real build (``python -m scripts.build``) on a temporary copy of the project, so
``docs/`` of the working tree is never touched. Every case checks three things: the build fails, the
message names the file and the key or line, and the previous ``site/`` is left exactly as it was,
with no temporary folder beside it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.paths import ROOT

SKIP = {".venv", "site", ".git", "node_modules", ".ruff_cache", ".pytest_cache", "__pycache__"}


@dataclass
class Project:
    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    def build(self, **env: str) -> subprocess.CompletedProcess[str]:
        run_env = {**os.environ, "PYTHONPATH": str(self.root), "NO_MKDOCS_2_WARNING": "1", **env}
        run_env.pop("DATA_DIR", None) if "DATA_DIR" not in env else None
        return subprocess.run([sys.executable, "-m", "scripts.build"], cwd=self.root, env=run_env,
                              capture_output=True, text=True, timeout=300)

    def snapshot(self) -> dict[str, bytes]:
        return {p.relative_to(self.site).as_posix(): p.read_bytes() for p in sorted(self.site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the project with a good build in its ``site/``."""
    root = tmp_path_factory.mktemp("project") / "main"
    shutil.copytree(ROOT, root, ignore=lambda d, names: [n for n in names if n in SKIP])
    (root / "node_modules").symlink_to(ROOT / "node_modules")  # esbuild builds the site's JavaScript
    proj = Project(root)
    proc = proj.build()
    assert proc.returncode == 0, proc.stderr
    assert (proj.site / "index.html").is_file()
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == [], "temporary folders left after a good build"
    return proj


@pytest.fixture
def edit(project: Project) -> Iterator[callable]:
    """Change files of the copy for one test; every change is undone afterwards."""
    saved: dict[Path, str | None] = {}

    def change(rel: str, text: str | None) -> Path:
        path = project.root / rel
        if path not in saved:
            saved[path] = path.read_text(encoding="utf-8") if path.exists() else None
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
        return path

    yield change
    for path, text in saved.items():
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(text, encoding="utf-8")


def assert_refused(project: Project, before: dict[str, bytes], proc: subprocess.CompletedProcess[str], *needles: str) -> str:
    """The build failed, printed a short message naming every needle, and left ``site/`` untouched."""
    assert proc.returncode != 0, "the build should have stopped"
    message = proc.stderr
    assert "Traceback" not in message, message
    for needle in needles:
        assert re.search(needle, message), f"{needle!r} not in:\n{message}"
    assert len(message.splitlines()) <= 6, f"the message should be short:\n{message}"
    assert project.snapshot() == before, "site/ changed although the build failed"
    leftovers = [p.name for p in project.root.iterdir() if p.name.startswith(".site")]
    assert leftovers == [], f"temporary folders left behind: {leftovers}"
    return message


def test_malformed_yaml_names_file_and_line(project: Project, edit: callable) -> None:
    before = project.snapshot()
    path = project.root / "data" / "office.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, ln in enumerate(lines) if ln.startswith("site_url:"))
    lines[bad] = "site_url: https://new.example.vn/ hours: 7:30"  # a second "key: value" on the same line
    edit("data/office.yml", "\n".join(lines) + "\n")
    msg = assert_refused(project, before, project.build(), r"office\.yml", r"line \d+|office\.yml:\d+")
    number = int(re.search(r"office\.yml:(\d+)|line (\d+)", msg).group(1) or re.search(r"line (\d+)", msg).group(1))
    assert abs(number - (bad + 1)) <= 1, f"line {number} reported, the mistake is on line {bad + 1}"


def test_unknown_key_names_file_and_key(project: Project, edit: callable) -> None:
    before = project.snapshot()
    text = (project.root / "data" / "office.yml").read_text(encoding="utf-8")
    edit("data/office.yml", text.replace("site_url:", "site_adress: x\nsite_url:", 1))
    assert_refused(project, before, project.build(), r"office\.yml", "site_adress", "unknown key")


def test_missing_translation_names_the_missing_file(project: Project, edit: callable) -> None:
    before = project.snapshot()
    edit("docs/vi/trang-moi.md", "# Trang mới\n\nNội dung.\n")
    assert_refused(project, before, project.build(), r"docs/en/trang-moi\.md", "translation")


def test_unknown_figure_names_page_and_name(project: Project, edit: callable) -> None:
    before = project.snapshot()
    text = (project.root / "docs" / "vi" / "phuong-thuc-dong.md").read_text(encoding="utf-8")
    edit("docs/vi/phuong-thuc-dong.md", text + "\nBạn đóng {{ f.nope }} mỗi tháng.\n")
    assert_refused(project, before, project.build(), r"docs/vi/phuong-thuc-dong\.md:\d+", "unknown figure 'nope'",
                   "Known figures: .*net_min")


def test_unknown_figure_names_the_line(project: Project, edit: callable) -> None:
    before = project.snapshot()
    page = project.root / "docs" / "vi" / "phuong-thuc-dong.md"
    text = page.read_text(encoding="utf-8").rstrip("\n")
    line = text.count("\n") + 3
    edit("docs/vi/phuong-thuc-dong.md", text + "\n\nBạn đóng {{ f.nope }} mỗi tháng.\n")
    assert_refused(project, before, project.build(), rf"phuong-thuc-dong\.md:{line}\b", "nope")


def test_figure_outside_the_policy_range(project: Project, edit: callable) -> None:
    """An income below the floor (the rural poverty line) cannot be in a table of contributions."""
    before = project.snapshot()
    text = (project.root / "docs" / "vi" / "phuong-thuc-dong.md").read_text(encoding="utf-8")
    edit("docs/vi/phuong-thuc-dong.md", text + "\n{{ income_table(1000) }}\n")
    assert_refused(project, before, project.build(), r"docs/vi/phuong-thuc-dong\.md:\d+", "1000", "outside")


def test_figure_outside_the_policy_range_names_the_line(project: Project, edit: callable) -> None:
    before = project.snapshot()
    page = project.root / "docs" / "vi" / "phuong-thuc-dong.md"
    text = page.read_text(encoding="utf-8").rstrip("\n")
    line = text.count("\n") + 3
    edit("docs/vi/phuong-thuc-dong.md", text + "\n\n{{ income_table(1000) }}\n")
    assert_refused(project, before, project.build(), rf"phuong-thuc-dong\.md:{line}\b", "1000", "outside")


def test_broken_internal_link_names_page_and_target(project: Project, edit: callable) -> None:
    before = project.snapshot()
    text = (project.root / "docs" / "vi" / "hoi-dap.md").read_text(encoding="utf-8")
    edit("docs/vi/hoi-dap.md", text + "\nXem [trang cũ](trang-khong-co.md).\n")
    assert_refused(project, before, project.build(), r"hoi-dap\.md", r"trang-khong-co\.md")


def test_broken_anchor_names_page_and_anchor(project: Project, edit: callable) -> None:
    before = project.snapshot()
    text = (project.root / "docs" / "vi" / "hoi-dap.md").read_text(encoding="utf-8")
    edit("docs/vi/hoi-dap.md", text + "\nXem [mục này](quyen-loi.md#muc-khong-co).\n")
    assert_refused(project, before, project.build(), r"hoi-dap\.md", "muc-khong-co")


def test_production_build_refuses_sample_data(project: Project) -> None:
    before = project.snapshot()
    assert_refused(project, before, project.build(PRODUCTION="1"), r"office\.yml", "sample", "sample: false")


def test_data_dir_is_honoured_by_the_build(project: Project, tmp_path: Path) -> None:
    """DATA_DIR points the build (and make check-data) at another folder: its mistakes are reported."""
    data = tmp_path / "data"
    shutil.copytree(project.root / "data", data)
    text = (data / "policy.yml").read_text(encoding="utf-8")
    (data / "policy.yml").write_text(text + "\nthis is: [not closed\n", encoding="utf-8")
    before = project.snapshot()
    assert_refused(project, before, project.build(DATA_DIR=str(data)), re.escape(str(data / "policy.yml")) + r"|policy\.yml")


OTHER_OFFICE = """\
sample: false
office:
  name: {vi: "Bảo hiểm xã hội tỉnh Lào Cai", en: "Lao Cai Provincial Social Insurance"}
  short_name: {vi: "BHXH tỉnh Lào Cai", en: "Lao Cai Social Insurance"}
  province: "Lào Cai"
  address: "Số 9 đường Hoàng Liên, phường Cam Đường, tỉnh Lào Cai"
  phone: "0214 3840 111"
  hours: {vi: "Sáng 7:00–11:00, chiều 13:30–16:30, thứ Hai đến thứ Sáu", en: "7:00–11:00 and 13:30–16:30, Monday to Friday"}
site_url: "https://bhxh-tunguyen-laocai.vn/"
social:
  - {name: "Facebook", url: "https://www.facebook.com/bhxh.laocai.test"}
local_offices:
  - name: "BHXH cơ sở Bát Xát"
    communes: ["Xã Bát Xát", "Xã Quang Kim"]
    address: "Khu 3, xã Bát Xát"
    phone: "0214 3883 222"
    hours: {vi: "Thứ Hai đến thứ Sáu", en: "Monday to Friday"}
collection_points:
  - name: "Bưu điện xã Quang Kim"
    kind: post_office
    commune: "Xã Quang Kim"
    address: "Thôn Quang Kim, xã Quang Kim"
    phone: "0214 3883 333"
    hours: {vi: "Hằng ngày 7:00–17:00", en: "Daily 7:00–17:00"}
"""

OTHER_STAFF = """sample: false
staff:
  - {code: lc01, name: "Nguyễn Văn An", unit: "BHXH cơ sở Sa Pa"}
"""
OTHER_CAMPAIGNS = """\
sample: false
campaigns:
  - id: bat-xat-2027
    name: {vi: "Tuyên truyền BHXH tự nguyện ở Bát Xát", en: "Voluntary social insurance in Bat Xat"}
    start: 2027-03-01
    end: 2027-03-31
places:
  - code: quang-kim
    campaign: bat-xat-2027
    name: "Bưu điện xã Quang Kim"
    kind: post_office
    commune: "Xã Quang Kim"
    days: [2027-03-05]
"""

OTHER_STAFF = """\
sample: false
staff:
  - code: cb-bx1
    name: "Lò Thị Mai"
"""

TEXT_SUFFIXES = {".html", ".xml", ".json", ".js", ".css", ".txt", ".svg", ".webmanifest", ".map", ".ics", ".vcf"}


FACT_KEYS = {"name", "short_name", "province", "address", "phone", "hours", "communes", "commune", "url", "site_url"}


def _strings(value: object, keep: bool = False) -> list[str]:
    """The office's facts (names, addresses, phones, links), not structure (kinds, dates, page paths)."""
    if isinstance(value, str):
        return [value] if keep else []
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, keep or k in FACT_KEYS)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, keep)]
    return []


def test_other_office_build_has_nothing_of_the_sample(tmp_path: Path) -> None:
    import yaml

    from tests.support.builds import build_variant

    sample = yaml.safe_load((ROOT / "data" / "office.yml").read_text(encoding="utf-8"))
    campaigns = yaml.safe_load((ROOT / "data" / "campaigns.yml").read_text(encoding="utf-8"))
    assert sample["sample"] is True, "this test compares against the shipped sample office"
    needles = {s for s in _strings([sample, campaigns]) if len(s) >= 6}
    needles -= {s for s in needles if s in OTHER_OFFICE + OTHER_CAMPAIGNS}  # e.g. the kind "post_office"
    needles |= {re.sub(r"\D", "", s) for s in needles if re.fullmatch(r"[\d .]+", s)}  # tel: links drop spaces
    needles |= {"Dữ liệu mẫu", "(mẫu)", "(sample)", sample["site_url"].split("//", 1)[1].rstrip("/")}
    out = build_variant(tmp_path / "site", data_changes={"office.yml": OTHER_OFFICE, "campaigns.yml": OTHER_CAMPAIGNS,
                                                                   "staff.yml": OTHER_STAFF})
    files = [p for p in out.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES]
    assert len(files) > 20
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(out)}: {n!r}" for n in needles if n in text]
    assert found == [], "sample office data in a build for another office:\n" + "\n".join(found[:30])
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Lào Cai" in home or "bhxh-tunguyen-laocai.vn" in home


@pytest.mark.parametrize("command", [
    [sys.executable, "-m", "scripts.check"],
    ["make", "-s", "-o", ".venv/.installed", f"PY={sys.executable}", "check-data"],  # -o: never reinstall here
])
def test_check_data_reports_a_bad_data_dir(tmp_path: Path, command: list[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATA_DIR": str(data)}
    good = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert good.returncode == 0, good.stderr
    assert str(data) in good.stdout and "valid" in good.stdout

    office = (data / "office.yml").read_text(encoding="utf-8")
    (data / "office.yml").write_text(office.replace('phone: "0000 000 001"', "phone: 12", 1), encoding="utf-8")
    bad = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0
    assert re.search(re.escape(str(data / "office.yml")) + r"(:\d+)?: local_offices\[0\]\.phone", bad.stderr), bad.stderr
    assert "Traceback" not in bad.stderr


def test_production_build_refuses_sample_campaigns(tmp_path: Path) -> None:
    """A real office with the sample campaign plan still left in data/campaigns.yml."""
    from scripts.build import BuildError
    from tests.support.builds import build_variant

    with pytest.raises(BuildError, match=r"campaigns\.yml: sample: true .*sample: false"):
        build_variant(tmp_path / "site", env={"PRODUCTION": "1"},
                      data_changes={"office.yml": OTHER_OFFICE, "campaigns.yml": OTHER_CAMPAIGNS.replace("sample: false", "sample: true")})
    assert not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_production_build_with_real_data(tmp_path: Path) -> None:
    from tests.support.builds import build_variant

    out = build_variant(tmp_path / "site", env={"PRODUCTION": "1"},
                        data_changes={"office.yml": OTHER_OFFICE, "campaigns.yml": OTHER_CAMPAIGNS, "staff.yml": OTHER_STAFF})
    assert "Dữ liệu mẫu" not in (out / "index.html").read_text(encoding="utf-8")


# --- issue 11: data mistakes end to end (the real build: one line, no traceback, site/ unchanged) ---------------


def _replace(project: Project, edit: callable, rel: str, old: str, new: str) -> None:
    text = (project.root / rel).read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {rel}: update this test"
    edit(rel, text.replace(old, new, 1))


@pytest.mark.parametrize(("rel", "old", "new", "needles"), [
    ("data/policy.yml", "      - value: 2530000\n", "      - value: 2530000\n        value: 2350000\n",
     [r"policy\.yml:\d+: parameters\.reference_level\.values\[\d+\]\.value: is written twice, on lines \d+ and \d+"]),
    ("data/policy.yml", "effective_from: 2027-01-01", "effective_from: 2027-02-30", [r"policy\.yml:\d+: .*2027-02-30 is not a date"]),
    ("data/office.yml", 'phone: "0000 000 001"', "phone: 02043567123", [r"office\.yml:\d+: local_offices\[0\]\.phone: 02043567123"]),
    ("data/policy.yml", "effective_to: 2026-06-30\n        source: nd-73-2024", "effective_to: 2026-06-15\n        source: nd-73-2024",
     [r"no value from 16/06/2026 to 30/06/2026"]),
    ("data/policy.yml", "- value: 2530000", "- value: 25300000", [r"reference_level\.values\[\d+\]\.value: 25300000 is outside"]),
    ("data/campaigns.yml", 'name: "Trụ sở UBND xã mẫu C"', 'name: "Trụ sở 🏛 xã mẫu C"',
     [r"campaigns\.yml:\d+: places\[4\]\.name: .*U\+1F3DB"]),
    ("data/national.yml", 'url: "https://baohiemxahoi.gov.vn/tracuu/"', 'url: "javascript:alert(1)"', [r"national\.yml:\d+: lookup\.url"]),
    ("data/office.yml", 'site_url: "https://bhxh-tu-nguyen.example.vn/"',
     'site_url: "https://bhxh-tu-nguyen.baohiemxahoi-thainguyen.gov.vn/tuyen-truyen/"',  # too long for a small QR code
     [r"office\.yml: site_url: QR for .* needs version 5", "shorter site_url"]),
    ("docs/vi/hoi-dap.md", 'title: "Hỏi đáp về BHXH tự nguyện"\n', "title: Hỏi đáp: BHXH tự nguyện\n",
     [r"docs/vi/hoi-dap\.md:2: the front matter is not valid YAML", "in quotes"]),
])
def test_data_mistake_stops_the_build(project: Project, edit: callable, rel: str, old: str, new: str, needles: list[str]) -> None:
    before = project.snapshot()
    _replace(project, edit, rel, old, new)
    assert_refused(project, before, project.build(), *needles)


def test_nfd_data_builds_nfc_pages_with_a_note(project: Project, edit: callable) -> None:
    import unicodedata

    for name in ("office.yml", "campaigns.yml"):
        path = project.root / "data" / name
        edit(f"data/{name}", unicodedata.normalize("NFD", path.read_text(encoding="utf-8")))
    proc = project.build()
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"Note: data/office\.yml:\d+: .*decomposed Vietnamese letters \(NFD\)", proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr
    page = (project.site / "diem-thu-va-lien-he" / "index.html").read_text(encoding="utf-8")
    assert "Bảo hiểm xã hội tỉnh Thái Nguyên" in page  # precomposed, as typed in NFC here
    assert unicodedata.normalize("NFD", "Thái Nguyên") not in page


def test_production_refuses_placeholders_even_with_the_flags_off(project: Project, edit: callable) -> None:
    """Review finding 12: with both sample: flags false, PRODUCTION=1 published "0000 000 000" and "Địa chỉ mẫu"."""
    before = project.snapshot()
    _replace(project, edit, "data/office.yml", "\nsample: true\n", "\nsample: false\n")
    _replace(project, edit, "data/campaigns.yml", "\nsample: true\n", "\nsample: false\n")
    _replace(project, edit, "data/staff.yml", "\nsample: true\n", "\nsample: false\n")
    assert_refused(project, before, project.build(PRODUCTION="1"), r"office\.yml:\d+: office\.address: .*'mẫu'", "real")


def test_check_data_checks_docs(project: Project, edit: callable) -> None:
    """make check-data finds what the build would stop on in docs/, without building."""
    run = {**os.environ, "PYTHONPATH": str(project.root), "NO_MKDOCS_2_WARNING": "1"}
    run.pop("DATA_DIR", None)

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "scripts.check"], cwd=project.root, env=run,
                              capture_output=True, text=True, timeout=120)

    good = check()
    assert good.returncode == 0 and "pages in docs/" in good.stdout, good.stderr
    cases = [
        ("docs/vi/hoi-dap.md", 'title: "Hỏi đáp về BHXH tự nguyện"\n', "title: Hỏi đáp: BHXH\n",
         r"docs/vi/hoi-dap\.md:2: the front matter"),
        ("docs/vi/index.md", "{{ net_min_list() }}", "{{ f.net_mim.poor }}", r"docs/vi/index\.md:\d+: unknown figure 'net_mim'"),
        ("docs/en/index.md", "{{ net_min_list() }}", "{{ f.net_min.poor }", r"docs/en/index\.md:\d+: unexpected '}'"),
    ]
    for rel, old, new, needle in cases:
        original = (project.root / rel).read_text(encoding="utf-8")
        _replace(project, edit, rel, old, new)
        bad = check()
        assert bad.returncode == 2 and re.search(needle, bad.stderr), bad.stderr
        assert "Traceback" not in bad.stderr and len(bad.stderr.splitlines()) == 1
        edit(rel, original)
    edit("docs/vi/trang-moi.md", "# Trang mới\n")
    bad = check()
    assert bad.returncode == 2 and "docs/en/trang-moi.md" in bad.stderr, bad.stderr


# --- issue 11: deployable permissions, one build at a time, no hang -------------------------------------------


def test_site_is_world_readable(project: Project) -> None:
    """Folders 755 and files 644, site/ itself included: nginx's own user can read a plain ``cp -r`` copy."""
    assert oct(project.site.stat().st_mode & 0o777) == "0o755"
    wrong = [f"{p.relative_to(project.site)}: {oct(p.stat().st_mode & 0o777)}" for p in project.site.rglob("*")
             if (p.stat().st_mode & 0o777) != (0o755 if p.is_dir() else 0o644)]
    assert wrong == [], wrong[:20]


def _lock_holder(project: Project) -> str:
    lock = project.root / ".cache" / "build.lock"
    return lock.read_text(encoding="utf-8") if lock.exists() else ""


def test_second_build_waits_for_the_first(project: Project) -> None:
    """Review finding 14: two builds at once ended in tracebacks. Now the second waits, saying so in one line."""
    import time

    env = {**os.environ, "PYTHONPATH": str(project.root), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("DATA_DIR", None)
    cmd = [sys.executable, "-m", "scripts.build"]
    first = subprocess.Popen(cmd, cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while "pid" not in _lock_holder(project):
            assert first.poll() is None and time.monotonic() < deadline, "the first build never took the lock"
            time.sleep(0.05)
        second = subprocess.run(cmd, cwd=project.root, env=env, capture_output=True, text=True, timeout=300)
    finally:
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert f"waiting for another build to finish (pid {first.pid}" in second.stderr, second.stderr
    assert "Traceback" not in err + second.stderr
    assert (project.site / "index.html").is_file()
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site")] == []


def test_leftovers_of_a_killed_build_are_removed(project: Project) -> None:
    """Review finding 19: a killed build left .site.* and .cache/*/.tmp-* folders that no later build removed."""
    import signal
    import time

    env = {**os.environ, "PYTHONPATH": str(project.root), "NO_MKDOCS_2_WARNING": "1", "BUILD_DATE": "2027-03-01"}
    env.pop("DATA_DIR", None)
    killed = subprocess.Popen([sys.executable, "-m", "scripts.build"], cwd=project.root, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not [p for p in project.root.iterdir() if p.name.startswith(".site.")]:
        assert killed.poll() is None and time.monotonic() < deadline, "the build made no temporary site"
        time.sleep(0.05)
    os.killpg(killed.pid, signal.SIGKILL)  # as a power cut or `kill -9` would: no clean-up runs
    killed.wait()
    cache = project.root / ".cache"
    planted = [cache / "print" / ".tmp-killed", cache / "js" / ".tmp-killed", cache / "social" / ".tmp-killed.png"]
    for path in planted:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir() if path.suffix != ".png" else path.write_bytes(b"")
    left = [p.name for p in project.root.iterdir() if p.name.startswith(".site.")]
    assert left, "the killed build left no temporary site: the test did not kill it mid-build"
    proc = project.build()
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site")] == []
    assert [p for p in planted if p.exists()] == []


def test_watchdog_stops_a_build_that_never_ends(project: Project, edit: callable) -> None:
    """Review finding 3: a build spun forever with no message. Now it stops at BUILD_TIMEOUT and says where it was."""
    import time

    before = project.snapshot()
    text = (project.root / "docs" / "vi" / "hoi-dap.md").read_text(encoding="utf-8")
    edit("docs/vi/hoi-dap.md", text + "\n{% for i in range(10**12) %}{% endfor %}\n")  # a loop that never ends
    start = time.monotonic()
    proc = project.build(BUILD_TIMEOUT="30")
    assert time.monotonic() - start < 30 + 30
    assert_refused(project, before, proc, "still running after 30 s", r"overrides/hooks/page_macros\.py:\d+",
                   r"docs/vi/hoi-dap\.md")
