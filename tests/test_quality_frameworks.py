"""Quality frameworks (khung tiêu chí) are data: built in, from folders and packages, each cited.

Issue 11 item 1: files shipped in the wheel and loadable from a folder or an entry point as
forms are; each a tree of criteria with maximum points, thresholds and rating names, its
source and a confidence mark; listed by ``chibo_docs.list_frameworks()`` and
``chibo-docs frameworks``.
"""

from __future__ import annotations

import importlib
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import chibo_docs
from chibo_docs.cli import main
from chibo_docs.errors import FrameworkError, UnknownFrameworkError
from chibo_docs.i18n import using
from chibo_docs.quality import (
    ENV_FRAMEWORKS_PATH,
    Confidence,
    Framework,
    Rating,
    get_framework,
    list_frameworks,
    load_framework,
)
from chibo_docs.quality import registry as framework_registry
from chibo_docs.resources import frameworks_dir

PHU_THO = frameworks_dir() / "phu-tho-dukcq.toml"


def _copy(tmp: Path, new_id: str, *, replace: tuple[str, str] | None = None) -> Path:
    """A copy of the Phú Thọ framework under ``new_id`` (with one text replaced), in ``tmp``."""
    text = PHU_THO.read_text(encoding="utf-8").replace('id = "phu-tho-dukcq"', f'id = "{new_id}"')
    if replace is not None:
        assert replace[0] in text
        text = text.replace(*replace)
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / f"{new_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_built_in_frameworks_are_listed_with_their_leaf_criteria() -> None:
    frames = chibo_docs.list_frameworks()
    assert [f.id for f in frames] == ["hd42-khung-a", "hd42-khung-b", "phu-tho-dukcq"]
    for frame in frames:
        assert frame.total == 100
        assert sum(c.max_points for c in frame.leaves) == 100
        assert all(c.id and c.max_points > 0 for c in frame.leaves)
        assert frame.source
        assert frame.origin == "built-in"


def test_the_phu_tho_framework_has_the_points_and_thresholds_of_its_source() -> None:
    frame = chibo_docs.get_framework("phu-tho-dukcq")
    assert [(c.id, c.name, int(c.max_points)) for c in frame.leaves] == [
        ("chuan_bi", "Công tác chuẩn bị", 15),
        ("ty_le_du", "Tỷ lệ đảng viên tham dự", 20),
        ("to_chuc", "Tổ chức sinh hoạt", 45),
        ("ket_thuc", "Kết thúc hội nghị", 20),
    ]
    assert {r.value: (frame.ratings[r].name, int(frame.ratings[r].at_least)) for r in Rating} == {
        "tot": ("Tốt", 90), "kha": ("Khá", 70), "trung_binh": ("Trung bình", 50), "kem": ("Kém", 0),
    }
    assert frame.confidence is Confidence.CONFIRMED
    assert "meeting-content.md §4" in frame.source
    # what the source does not say is marked so, where it is said
    prefill = frame.leaves[1].prefill
    assert prefill is not None
    assert prefill.confidence is Confidence.UNCONFIRMED
    assert [r.confidence for r in frame.annual] == [
        Confidence.CONFIRMED, Confidence.UNCONFIRMED, Confidence.UNCONFIRMED]


@pytest.mark.parametrize(
    ("score", "rating"),
    [(100, "tot"), (90, "tot"), (Decimal("89.99"), "kha"), (70, "kha"), (Decimal("69.5"), "trung_binh"),
     (50, "trung_binh"), (Decimal("49.99"), "kem"), (0, "kem")],
)
def test_ratings_follow_the_thresholds_at_their_edges(score: Decimal, rating: str) -> None:
    assert get_framework("phu-tho-dukcq").rating_for(Decimal(score)) == rating


@pytest.mark.parametrize(
    ("frame_id", "groups"),
    [
        ("hd42-khung-a", [5, 5, 10, 30, 10, 5, 30, 5]),
        ("hd42-khung-b", [5, 5, 10, 40, 5, 30, 5]),
    ],
)
def test_the_hd42_frames_have_their_groups_and_are_marked_unconfirmed(frame_id: str, groups: list[int]) -> None:
    frame = get_framework(frame_id)
    assert [c.max_points for c in frame.criteria] == groups
    assert frame.confidence is Confidence.UNCONFIRMED
    assert [frame.ratings[r].at_least for r in Rating] == [90, 70, 50, 0]
    assert "meeting-content.md §4" in frame.source
    assert all(r.confidence is Confidence.UNCONFIRMED for r in frame.annual)


def test_frame_a_groups_add_up_and_pre_fill_attendance_duration_and_materials() -> None:
    frame = get_framework("hd42-khung-a")
    for group in frame.criteria:
        assert group.max_points == sum(c.max_points for c in group.leaves)
    prefilled = {c.id: c.prefill.measure.value for c in frame.leaves if c.prefill is not None}
    assert prefilled == {
        "thoi_gian": "minutes_short",
        "ty_le_co_mat": "attendance_percent",
        "dang_tai_truoc": "materials_days_before",
    }


def test_the_frameworks_ship_with_the_package_data() -> None:
    # the wheel force-includes frameworks/ as chibo_docs/frameworks (test_wheel checks a build)
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"frameworks" = "chibo_docs/frameworks"' in pyproject
    assert sorted(p.name for p in frameworks_dir().glob("*.toml")) == [
        "hd42-khung-a.toml", "hd42-khung-b.toml", "phu-tho-dukcq.toml"]


def test_a_folder_of_frameworks_is_read_as_forms_folders_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy(tmp_path / "mine", "tinh-cua-toi")
    assert "tinh-cua-toi" in [f.id for f in list_frameworks(folders=[tmp_path / "mine"])]
    assert "tinh-cua-toi" not in [f.id for f in list_frameworks()]
    monkeypatch.setenv(ENV_FRAMEWORKS_PATH, str(tmp_path / "mine"))
    frame = get_framework("tinh-cua-toi")
    assert frame.origin == f"folder {tmp_path / 'mine'}"
    # a data file names it like a built-in one
    assessment = chibo_docs.QualityAssessment(
        framework="tinh-cua-toi", scores={"chuan_bi": 15, "ty_le_du": 20, "to_chuc": 45, "ket_thuc": 20})
    assert assessment.rating is Rating.TOT


def test_an_edited_framework_file_is_read_again(tmp_path: Path) -> None:
    path = _copy(tmp_path, "sua-doi")
    assert get_framework("sua-doi", folders=[tmp_path]).ratings[Rating.TOT].at_least == 90
    path.write_text(path.read_text(encoding="utf-8").replace("at_least = 90", "at_least = 95"),
                    encoding="utf-8")
    assert get_framework("sua-doi", folders=[tmp_path]).ratings[Rating.TOT].at_least == 95


def test_an_installed_package_gives_frameworks_through_its_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "khung_tinh_demo"
    _copy(package / "frameworks", "khung-cua-goi")
    (package / "__init__.py").write_text(
        "from pathlib import Path\n\n\ndef frameworks() -> Path:\n"
        "    return Path(__file__).parent / 'frameworks'\n", encoding="utf-8")
    info = tmp_path / "khung_tinh_demo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: khung-tinh-demo\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[chibo_docs.frameworks]\ndemo = khung_tinh_demo:frameworks\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    framework_registry._entry_point_frameworks.cache_clear()
    framework_registry._CACHE.clear()
    try:
        frame = get_framework("khung-cua-goi")
        assert frame.origin == "package khung-tinh-demo"
    finally:
        sys.modules.pop("khung_tinh_demo", None)
        framework_registry._entry_point_frameworks.cache_clear()
        framework_registry._CACHE.clear()


@pytest.mark.parametrize(
    ("replace", "phrase"),
    [
        (("max_points = 45", "max_points = 0"), "no points"),
        (("at_least = 70", "at_least = 95"), "must fall from tot to kem"),
        (('id = "ket_thuc"', 'id = "chuan_bi"'), "used twice"),
        (('confidence = "confirmed"', 'confidence = "maybe"'), "confidence"),
        (('name = "Tốt"', 'ten = "Tốt"'), "ratings.tot"),
    ],
)
def test_a_bad_framework_file_is_refused_naming_the_file(
    tmp_path: Path, replace: tuple[str, str], phrase: str
) -> None:
    path = _copy(tmp_path, "hong", replace=replace)
    with pytest.raises(FrameworkError) as caught, using("en"):
        load_framework(path)
    text = caught.value.message_en
    assert str(path) in text
    assert any(p in text for p in phrase.split("|")), text


def test_a_group_must_add_up_to_its_criteria(tmp_path: Path) -> None:
    text = (frameworks_dir() / "hd42-khung-a.toml").read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(
        text.replace('id = "hd42-khung-a"', 'id = "a"').replace(
            'id = "noi_dung"\nname = "Chuẩn bị nội dung sinh hoạt"\nmax_points = 3',
            'id = "noi_dung"\nname = "Chuẩn bị nội dung sinh hoạt"\nmax_points = 4'),
        encoding="utf-8")
    with using("en"), pytest.raises(FrameworkError, match="chuan_bi"):
        load_framework(tmp_path / "a.toml")


def test_two_frameworks_with_one_id_are_refused(tmp_path: Path) -> None:
    _copy(tmp_path, "phu-tho-dukcq")
    with using("en"), pytest.raises(FrameworkError, match="defined twice"):
        list_frameworks(folders=[tmp_path])


def test_an_unknown_id_names_the_known_ones_in_vietnamese_by_default() -> None:
    with pytest.raises(UnknownFrameworkError) as caught:
        get_framework("lai-chau-14")
    assert isinstance(caught.value, LookupError)
    assert "phu-tho-dukcq" in str(caught.value)
    assert str(caught.value) != caught.value.message_en
    assert caught.value.message_en.startswith("no quality framework has the id 'lai-chau-14'")


def test_the_cli_lists_the_frameworks_and_shows_one_whole(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frameworks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["hd42-khung-a", "100", "chưa xác nhận"],
        ["hd42-khung-b", "100", "chưa xác nhận"],
        ["phu-tho-dukcq", "100", "đã xác nhận"],
    ]
    assert main(["frameworks", "phu-tho-dukcq"]) == 0
    shown = capsys.readouterr().out
    for expected in ("Công tác chuẩn bị [chuan_bi]", "Tỷ lệ đảng viên tham dự [ty_le_du]",
                     "Tốt (tot)", "xaydungdang.org.vn", "ít nhất 7 tháng"):
        assert expected in shown, expected


def test_the_cli_refuses_an_unknown_framework_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frameworks", "khong-co"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "khong-co" in err


def test_a_framework_is_immutable_data() -> None:
    frame = get_framework("phu-tho-dukcq")
    assert isinstance(frame, Framework)
    with pytest.raises(Exception, match="frozen"):
        frame.id = "x"  # type: ignore[misc]
