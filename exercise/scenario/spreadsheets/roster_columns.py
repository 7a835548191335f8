"""Roster and contact-plan columns: agencies and links, including the EMON node/edge layout."""

from __future__ import annotations

from exercise.scenario.models import AgencyLevel, FormalBasis, LinkDirection
from exercise.scenario.spreadsheets.columns import FieldSpec

AGENCY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "ID", ("Agency ID", "Code", "Agency Code", "代號", "單位代號", "編號")),
    FieldSpec("name", "Agency", ("Name", "Agency Name", "Organisation", "Organization",
                                 "Organisation Name", "Organization Name", "單位", "單位名稱",
                                 "機關", "機關名稱"), localised=True),
    FieldSpec("short_name", "Short Name", ("Abbreviation", "Acronym", "簡稱"), localised=True),
    FieldSpec("level", "Level", ("Sponsorship", "Tier", "Government Level", "層級")),
    FieldSpec("sector", "Sector", ("Function", "Discipline", "ESF", "領域", "部門", "類別"),
              localised=True),
    FieldSpec("jurisdiction", "Jurisdiction", ("轄區", "管轄範圍"), localised=True),
    FieldSpec("area", "Area", ("Region", "District", "地區", "區域")),
    FieldSpec("channels", "Channels", ("Means of Contact", "Contact Means", "聯絡方式",
                                       "通訊方式")),
    FieldSpec("description", "Description", ("Notes", "Remarks", "說明", "備註"), localised=True),
)

LINK_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("from", "From", ("Source", "From Agency", "Caller", "發送單位", "起點", "來源")),
    FieldSpec("to", "To", ("Target", "To Agency", "Callee", "接收單位", "終點", "對象")),
    FieldSpec("channels", "Channels", ("Channel", "Means", "Means of Contact",
                                       "Channels (priority order)", "Primary/Alternate",
                                       "聯絡方式", "通訊方式", "管道")),
    FieldSpec("direction", "Direction", ("方向",)),
    FieldSpec("basis", "Basis", ("Formal Basis", "Authority", "依據")),
    FieldSpec("frequency", "Frequency", ("頻率", "聯繫頻率")),
    FieldSpec("note", "Note", ("Notes", "Remarks", "備註"), localised=True),
)

LEVEL_WORDS: dict[AgencyLevel, tuple[str, ...]] = {
    AgencyLevel.national: ("federal", "central", "national", "中央", "國家"),
    AgencyLevel.regional: ("state", "province", "provincial", "prefecture", "region", "省", "州"),
    # The tiers by their own names first: 'county' and 'township' are levels, not 'local'.
    AgencyLevel.county: (),
    AgencyLevel.township: (),
    AgencyLevel.local: ("city", "county", "municipal", "township", "town", "district", "縣",
                        "市", "縣市", "鄉", "鎮", "鄉鎮", "區", "地方"),
    AgencyLevel.community: ("village", "neighbourhood", "neighborhood", "ward", "村", "里", "社區"),
    AgencyLevel.private: ("company", "business", "utility", "民間", "私人", "企業"),
    AgencyLevel.ngo: ("non-profit", "nonprofit", "charity", "volunteer", "非營利", "志工", "民間團體"),
    AgencyLevel.support: ("military", "armed forces", "支援", "國軍"),
}
DIRECTION_WORDS: dict[LinkDirection, tuple[str, ...]] = {
    LinkDirection.both: ("two-way", "two way", "bidirectional", "雙向"),
    LinkDirection.one_way: ("one-way", "one way", "單向"),
}
BASIS_WORDS: dict[FormalBasis, tuple[str, ...]] = {
    FormalBasis.law: ("statute", "legal", "法", "法規", "法律"),
    FormalBasis.sop: ("procedure", "standard operating procedure", "作業程序", "標準作業程序"),
    FormalBasis.mou: ("agreement", "memorandum", "協定", "備忘錄", "合作協議"),
    FormalBasis.informal: ("none", "personal", "非正式", "私人關係"),
}
# The EMON edge files grade frequency of contact from 1 (continuously) to 4 (daily or less).
EMON_FREQUENCY = {"1": "continuously", "2": "about once an hour", "3": "every few hours",
                  "4": "about once a day or less"}
