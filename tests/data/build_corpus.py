# ruff: noqa: E501, B007  (a data file: long titles on one line; templates unpack whole rows)
"""Build tests/data/titles.jsonl: the parser's development corpus.

Two parts, each title with its expected fields written down here, not taken from the parser:

* `REAL`: titles as published (AutoBangumi's own test titles, contract §7; the failing titles
  quoted in users-voice.md §1.1; the feed samples in shared/fixtures/upstreams/{mikan,nyaa,dmhy}),
  each with expectations checked by hand.
* `styled()`: titles written in the real naming styles of well-known groups (ANi, LoliHouse,
  喵萌奶茶屋, 桜都, 北宇治, Nekomoe kissaten, SubsPlease, Erai-raws, 千夏, 幻樱, 极影, 动漫国,
  澄空, 华盟, VCB-Studio, jibaketa, scene releases...) over real series names. The expectation of
  each comes from the template that wrote it, so it is independent of the parser.

No title comes from AnimeGarden's anipar tests, animeko's tests or Anitomy's data.json.
Run `python tests/data/build_corpus.py` to rewrite the JSONL after editing this file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("titles.jsonl")

# Series: (zh simplified, zh traditional, romaji/English, Japanese with kana or None).
SHOWS: list[tuple[str, str, str, str | None]] = [
    ("葬送的芙莉莲", "葬送的芙莉蓮", "Sousou no Frieren", "葬送のフリーレン"),
    ("药屋少女的呢喃", "藥師少女的獨語", "Kusuriya no Hitorigoto", "薬屋のひとりごと"),
    ("迷宫饭", "迷宮飯", "Dungeon Meshi", "ダンジョン飯"),
    ("孤独摇滚！", "孤獨搖滾！", "Bocchi the Rock!", "ぼっち・ざ・ろっく！"),
    ("间谍过家家", "間諜家家酒", "Spy x Family", "スパイファミリー"),
    ("咒术回战", "咒術迴戰", "Jujutsu Kaisen", "呪術廻戦"),
    ("鬼灭之刃", "鬼滅之刃", "Kimetsu no Yaiba", "鬼滅の刃"),
    ("电锯人", "鏈鋸人", "Chainsaw Man", "チェンソーマン"),
    ("败犬女主太多了！", "敗北女角太多了！", "Make Heroine ga Oosugiru!", "負けヒロインが多すぎる！"),
    ("青之箱", "青之箱", "Ao no Hako", "アオのハコ"),
    ("胆大党", "膽大黨", "Dandadan", "ダンダダン"),
    ("香格里拉·开拓异境", "香格里拉・開拓異境", "Shangri-La Frontier", "シャングリラ・フロンティア"),
    ("更衣人偶坠入爱河", "戀上換裝娃娃", "Sono Bisque Doll wa Koi wo Suru", "その着せ替え人形は恋をする"),
    ("为美好的世界献上祝福！", "為美好的世界獻上祝福！", "Kono Subarashii Sekai ni Shukufuku wo!", None),
    ("进击的巨人", "進擊的巨人", "Shingeki no Kyojin", "進撃の巨人"),
    ("夏日重现", "夏日重現", "Summer Time Rendering", "サマータイムレンダ"),
    ("石纪元", "新石紀", "Dr. Stone", "ドクターストーン"),
    ("摇曳露营△", "搖曳露營△", "Yuru Camp", "ゆるキャン△"),
    ("排球少年！！", "排球少年！！", "Haikyuu!!", "ハイキュー!!"),
    ("辉夜大小姐想让我告白", "輝夜姬想讓人告白", "Kaguya-sama wa Kokurasetai", "かぐや様は告らせたい"),
    ("国王排名", "國王排名", "Ousama Ranking", "王様ランキング"),
    ("蓝色监狱", "藍色監獄", "Blue Lock", "ブルーロック"),
    ("夜樱家的大作战", "夜櫻家的大作戰", "Mission: Yozakura Family", "夜桜さんちの大作戦"),
    ("小市民系列", "小市民系列", "Shoushimin Series", "小市民シリーズ"),
    ("末日后酒店", "末日後酒店", "Apocalypse Hotel", "アポカリプスホテル"),
    ("坂本日常", "坂本日常", "Sakamoto Days", "サカモトデイズ"),
    ("金牌得主", "金牌得主", "Medalist", "メダリスト"),
    ("无职转生", "無職轉生", "Mushoku Tensei", None),
    ("怪兽8号", "怪獸8號", "Kaijuu 8-gou", None),
    (
        "欢迎来到实力至上主义的教室",
        "歡迎來到實力至上主義的教室",
        "Youkoso Jitsuryoku Shijou Shugi no Kyoushitsu e",
        None,
    ),
    ("Re:从零开始的异世界生活", "Re:從零開始的異世界生活", "Re:Zero kara Hajimeru Isekai Seikatsu", None),
    ("关于我转生变成史莱姆这档事", "關於我轉生變成史萊姆這檔事", "Tensei shitara Slime Datta Ken", None),
    ("亚托莉 -我挚爱的时光-", "亞托莉 -我摯愛的時光-", "ATRI -My Dear Moments-", None),
    ("北海道辣妹金古锥", "北海道辣妹超可愛", "Dosanko Gal wa Namara Menkoi", None),
    ("魔法科高校的劣等生", "魔法科高校的劣等生", "Mahouka Koukou no Rettousei", None),
    ("我心里危险的东西", "我內心的糟糕念頭", "Boku no Kokoro no Yabai Yatsu", None),
    ("杖与剑的魔剑谭", "杖與劍的魔劍譚", "Tsue to Tsurugi no Wistoria", None),
    ("地下城里的人们", "地下城里的人們", "Dungeon no Naka no Hito", None),
]
# Latin titles without punctuation, for dotted scene names where punctuation would be lost.
SCENE_SAFE = [s for s in SHOWS if s[2].replace(" ", "").isalnum()]
CN_NUM = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
CN_NUM |= {11: "十一", 12: "十二", 13: "十三", 20: "二十", 21: "二十一", 24: "二十四"}
CRCS = ["1A2B3C4D", "9F8E7D6C", "0B1C2D3E", "A7C3E901", "5D4F0E22", "C0FFEE12", "7E3A91B4", "E1D2C3B4"]


def _e(**kw: Any) -> dict[str, Any]:
    return kw


Entry = tuple[str, dict[str, Any], str]

# --- real titles, hand-checked -------------------------------------------------------------

_LH = _e(resolution="1080p", source="WebRip", video="HEVC", audio="AAC")
_ANI = _e(resolution="1080p", source="WEB-DL", platform="Baha", video="AVC", audio="AAC", sub="CHT")

REAL: list[tuple[str, str, dict[str, Any]]] = [
    # contract §7, AutoBangumi's own test titles (our expectations, not AutoBangumi's output)
    (
        "ab-01",
        "[喵萌奶茶屋&LoliHouse] 鹿乃子乃子乃子虎视眈眈 / Shikanoko Nokonoko Koshitantan\n- 01 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(
            group="喵萌奶茶屋&LoliHouse",
            title_zh="鹿乃子乃子乃子虎视眈眈",
            title_en="Shikanoko Nokonoko Koshitantan",
            episode=1,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "ab-02",
        "[LoliHouse] 轮回七次的反派大小姐，在前敌国享受随心所欲的新婚生活\n / 7th Time Loop - 12 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕][END]",
        _e(
            group="LoliHouse",
            title_zh="轮回七次的反派大小姐，在前敌国享受随心所欲的新婚生活",
            title_en="7th Time Loop",
            episode=12,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "ab-03",
        "【幻樱字幕组】【4月新番】【古见同学有交流障碍症 第二季 Komi-san wa, Komyushou Desu. S02】【22】【GB_MP4】【1920X1080】",
        _e(
            group="幻樱字幕组",
            title_zh="古见同学有交流障碍症",
            title_en="Komi-san wa, Komyushou Desu.",
            season=2,
            season_raw="第二季",
            episode=22,
            resolution="1080p",
            sub="CHS",
        ),
    ),
    (
        "ab-04",
        "[百冬练习组&LoliHouse] BanG Dream! 少女乐团派对！☆PICO FEVER！ / Garupa Pico: Fever! - 26 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕][END] [101.69 MB]",
        _e(
            group="百冬练习组&LoliHouse",
            title_zh="BanG Dream! 少女乐团派对！☆PICO FEVER！",
            title_en="Garupa Pico: Fever!",
            episode=26,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "ab-05",
        "【喵萌奶茶屋】★04月新番★[夏日重现/Summer Time Rendering][11][1080p][繁日双语][招募翻译]",
        _e(
            group="喵萌奶茶屋",
            title_zh="夏日重现",
            title_en="Summer Time Rendering",
            episode=11,
            resolution="1080p",
            sub="CHT+JPN",
        ),
    ),
    (
        "ab-06",
        "[Lilith-Raws] 关于我在无意间被隔壁的天使变成废柴这件事 / Otonari no Tenshi-sama - 09 [Baha][WEB-DL][1080p][AVC AAC][CHT][MP4]",
        _e(
            group="Lilith-Raws",
            title_zh="关于我在无意间被隔壁的天使变成废柴这件事",
            title_en="Otonari no Tenshi-sama",
            episode=9,
            **_ANI,
        ),
    ),
    (
        "ab-07",
        "[梦蓝字幕组]New Doraemon 哆啦A梦新番[747][2023.02.25][AVC][1080P][GB_JP][MP4]",
        _e(
            group="梦蓝字幕组",
            title_zh="哆啦A梦新番",
            title_en="New Doraemon",
            episode=747,
            resolution="1080p",
            video="AVC",
            sub="CHS+JPN",
        ),
    ),
    (
        "ab-08",
        "[织梦字幕组][尼尔：机械纪元 NieR Automata Ver1.1a][02集][1080P][AVC][简日双语]",
        _e(
            group="织梦字幕组",
            title_zh="尼尔：机械纪元",
            title_en="NieR Automata Ver1.1a",
            episode=2,
            resolution="1080p",
            video="AVC",
            sub="CHS+JPN",
        ),
    ),
    (
        "ab-09",
        "[MagicStar] 假面骑士Geats / 仮面ライダーギーツ EP33 [WEBDL] [1080p] [TTFC]【生】",
        _e(
            group="MagicStar",
            title_zh="假面骑士Geats",
            title_jp="仮面ライダーギーツ",
            episode=33,
            resolution="1080p",
            source="WEB-DL",
            platform="TTFC",
        ),
    ),
    (
        "ab-10",
        "【极影字幕社】★4月新番 天国大魔境 Tengoku Daimakyou 第05话 GB 720P MP4（字幕社招人内详）",
        _e(
            group="极影字幕社",
            title_zh="天国大魔境",
            title_en="Tengoku Daimakyou",
            episode=5,
            resolution="720p",
            sub="CHS",
        ),
    ),
    (
        "ab-11",
        "【喵萌奶茶屋】★07月新番★[银砂糖师与黑妖精 ~ Sugar Apple Fairy Tale ~][13][1080p][简日双语][招募翻译]",
        _e(
            group="喵萌奶茶屋",
            title_zh="银砂糖师与黑妖精",
            title_en="Sugar Apple Fairy Tale",
            episode=13,
            resolution="1080p",
            sub="CHS+JPN",
        ),
    ),
    (
        "ab-12",
        "[ANi]  16bit 的感动 ANOTHER LAYER - 01 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
        _e(group="ANi", title_zh="16bit 的感动 ANOTHER LAYER", episode=1, **_ANI),
    ),
    (
        "ab-13",
        "[LoliHouse] 关于我转生变成史莱姆这档事 第二季 / Tensei shitara Slime Datta Ken 2nd Season - 01 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(
            group="LoliHouse",
            title_zh="关于我转生变成史莱姆这档事",
            title_en="Tensei shitara Slime Datta Ken",
            season=2,
            season_raw="第二季",
            episode=1,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "ab-14",
        "[NC-Raws] 葬送的芙莉莲 / Sousou no Frieren - 03 [B-Global][WEB-DL][2160p][AVC AAC][Multi Sub][MKV]",
        _e(
            group="NC-Raws",
            title_zh="葬送的芙莉莲",
            title_en="Sousou no Frieren",
            episode=3,
            resolution="2160p",
            source="WEB-DL",
            platform="B-Global",
            video="AVC",
            audio="AAC",
            sub="MULTI",
        ),
    ),
    (
        "ab-15",
        "[LoliHouse] 狼与香辛料 [Season 2] / Spice and Wolf - 01 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(
            group="LoliHouse",
            title_zh="狼与香辛料",
            title_en="Spice and Wolf",
            season=2,
            season_raw="Season 2",
            episode=1,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "ab-16",
        "[北宇治字幕组&LoliHouse] 地。-关于地球的运动- / Chi. Chikyuu no Undou ni Tsuite - 03 [WebRip 1080p HEVC-10bit AAC ASSx2][简繁日内封字幕]",
        _e(
            group="北宇治字幕组&LoliHouse",
            title_zh="地。-关于地球的运动-",
            title_en="Chi. Chikyuu no Undou ni Tsuite",
            episode=3,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "ab-16b",
        "[北宇治字幕组&LoliHouse] 地。-关于地球的运动- / Chi. Chikyuu no Undou ni Tsuite 03 [WebRip 1080p HEVC-10bit AAC ASSx2][简繁日内封字幕]",
        _e(
            group="北宇治字幕组&LoliHouse",
            title_zh="地。-关于地球的运动-",
            title_en="Chi. Chikyuu no Undou ni Tsuite",
            episode=3,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "ab-17",
        "[动漫国字幕组&LoliHouse] THE MARGINAL SERVICE - 08 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(group="动漫国字幕组&LoliHouse", title_en="THE MARGINAL SERVICE", episode=8, sub="CHS+CHT", **_LH),
    ),
    (
        "ab-18",
        "[ANi] 29 岁单身中坚冒险家的日常 - 07 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
        _e(group="ANi", title_zh="29 岁单身中坚冒险家的日常", episode=7, **_ANI),
    ),
    (
        "ab-19",
        "[御坂字幕组] 男女之间存在纯友情吗？（不，不存在!!）-01 [WebRip 1080p HEVC10-bit AAC] [简繁日内封] [急招翻校轴]",
        _e(
            group="御坂字幕组",
            title_zh="男女之间存在纯友情吗？（不，不存在!!）",
            episode=1,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "ab-20",
        " [NEO·QSW]想星的阿克艾利昂 情感神话 想星のアクエリオン Aquarion: Myth of Emotions 02[WEBRIP AVC 1080P]（搜索用：想星的大天使）",
        _e(
            group="NEO·QSW",
            title_zh="想星的阿克艾利昂 情感神话",
            title_jp="想星のアクエリオン",
            title_en="Aquarion: Myth of Emotions",
            episode=2,
            resolution="1080p",
            source="WebRip",
            video="AVC",
        ),
    ),
    (
        "ab-21",
        "[Doomdos] - 白色闪电 - 第02话 - [1080P].mp4",
        _e(group="Doomdos", title_zh="白色闪电", episode=2, resolution="1080p"),
    ),
    (
        "ab-22",
        "[Up to 21°C] 鬼灭之刃 柱训练篇 / Kimetsu no Yaiba: Hashira Geiko-hen - 03 (CR 1920x1080 AVC AAC MKV)",
        _e(
            group="Up to 21°C",
            title_zh="鬼灭之刃 柱训练篇",
            title_en="Kimetsu no Yaiba: Hashira Geiko-hen",
            episode=3,
            resolution="1080p",
            platform="CR",
            video="AVC",
            audio="AAC",
        ),
    ),
    (
        "ab-23",
        "[ANi] 身为 VTuber 的我因为忘记关台而成了传说 - 01 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4][379.34 MB]",
        _e(group="ANi", title_zh="身为 VTuber 的我因为忘记关台而成了传说", episode=1, **_ANI),
    ),
    (
        "ab-24",
        "[ANi]  从 Lv2 开始开外挂的前勇者候补过著悠哉异世界生活 - 04 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
        _e(group="ANi", title_zh="从 Lv2 开始开外挂的前勇者候补过著悠哉异世界生活", episode=4, **_ANI),
    ),
    (
        "ab-25",
        "Girls Band Cry S01E05 VOSTFR 1080p WEB x264 AAC -Tsundere-Raws (ADN)",
        _e(
            group="Tsundere-Raws",
            title_en="Girls Band Cry",
            season_raw="S01",
            episode=5,
            resolution="1080p",
            source="WEB",
            platform="ADN",
            video="AVC",
            audio="AAC",
            sub="FRE",
        ),
    ),
    (
        "ab-26",
        "【豌豆字幕组&风之圣殿字幕组】★04月新番[鬼灭之刃 柱训练篇 / Kimetsu_no_Yaiba-Hashira_Geiko_Hen][02(57)][简体][1080P][MP4]",
        _e(
            group="豌豆字幕组&风之圣殿字幕组",
            title_zh="鬼灭之刃 柱训练篇",
            title_en="Kimetsu_no_Yaiba-Hashira_Geiko_Hen",
            episode=2,
            resolution="1080p",
            sub="CHS",
        ),
    ),
    (
        "ab-27",
        "冰之城墙「氷の城壁」The Ramparts of Ice S01E02 1080p 日英双语-多国字幕",
        _e(
            title_zh="冰之城墙",
            title_jp="氷の城壁",
            title_en="The Ramparts of Ice",
            season_raw="S01",
            episode=2,
            resolution="1080p",
            sub="JPN+ENG+MULTI",
        ),
    ),
    (
        "ab-28a",
        "[KitaujiSub] Shikanoko Nokonoko Koshitantan [01Pre][WebRip][HEVC_AAC][CHS_JP].mp4",
        _e(
            group="KitaujiSub",
            title_en="Shikanoko Nokonoko Koshitantan",
            source="WebRip",
            video="HEVC",
            audio="AAC",
            sub="CHS+JPN",
        ),
    ),
    (
        "ab-28b",
        "[阿特拉斯字幕组·雪原市出差所][命运-奇异赝品_Fate／strange Fake][04_半神们的卡农曲][简繁日内封PGS][日语配音版_Japanese Dub][Web-DL Remux][1080p AVC AAC]",
        _e(
            group="阿特拉斯字幕组·雪原市出差所",
            title_zh="命运-奇异赝品",
            title_en="Fate／strange Fake",
            episode=4,
            resolution="1080p",
            source="WEB-DL",
            video="AVC",
            audio="AAC",
            sub="CHS+CHT+JPN",
        ),
    ),
    (
        "ab-tp1",
        "[Lilith-Raws] Boku no Kokoro no Yabai Yatsu - 01 [Baha][WEB-DL][1080p][AVC AAC][CHT][MP4].mp4",
        _e(group="Lilith-Raws", title_en="Boku no Kokoro no Yabai Yatsu", episode=1, **_ANI),
    ),
    (
        "ab-tp2",
        "[Sakurato] Tonikaku Kawaii S2 [01][AVC-8bit 1080p AAC][CHS].mp4",
        _e(
            group="Sakurato",
            title_en="Tonikaku Kawaii",
            season=2,
            season_raw="S2",
            episode=1,
            resolution="1080p",
            video="AVC",
            audio="AAC",
            sub="CHS",
        ),
    ),
    (
        "ab-tp3",
        "[SBSUB][CONAN][1082][V2][1080P][AVC_AAC][CHS_JP](C1E4E331).mp4",
        _e(
            group="SBSUB",
            title_en="CONAN",
            episode=1082,
            version=2,
            resolution="1080p",
            video="AVC",
            audio="AAC",
            sub="CHS+JPN",
            crc32="C1E4E331",
        ),
    ),
    ("ab-tp4", "海盗战记 (2019) S01E01.mp4", _e(title_zh="海盗战记", year=2019, season_raw="S01", episode=1)),
    (
        "ab-tp5",
        "[ANi] 關於我轉生變成史萊姆這檔事 第三季 - 48.5 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4].mp4",
        _e(
            group="ANi",
            title_zh="關於我轉生變成史萊姆這檔事",
            season=3,
            season_raw="第三季",
            episode=48.5,
            **_ANI,
        ),
    ),
    (
        "ab-tp6",
        "[Ohys-Raws] Kamen Rider Gaim EP33 (TV-Asahi 1280x720 x264 AAC).mp4",
        _e(
            group="Ohys-Raws",
            title_en="Kamen Rider Gaim",
            episode=33,
            resolution="720p",
            platform="TV Asahi",
            video="AVC",
            audio="AAC",
        ),
    ),
    # users-voice.md §1.1
    (
        "uv-799",
        "[ANi] Bakemonogatari / 物语系列 第外季＆第怪季 - 01 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
        _e(
            group="ANi",
            title_en="Bakemonogatari",
            title_zh="物语系列",
            season_raw="第外季＆第怪季",
            episode=1,
            **_ANI,
        ),
    ),
    (
        "uv-551",
        "[ANi] 竞速 OVERTAKE! - 02 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
        _e(group="ANi", title_zh="竞速 OVERTAKE!", episode=2, **_ANI),
    ),
    (
        "uv-748",
        "[ANi] 為美好的世界獻上祝福！3 - 02 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
        _e(group="ANi", title_zh="為美好的世界獻上祝福！", season=3, season_raw="3", episode=2, **_ANI),
    ),
    (
        "uv-1025",
        "葬送的芙莉莲 / Sousou no Frieren - 05 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(title_zh="葬送的芙莉莲", title_en="Sousou no Frieren", episode=5, sub="CHS+CHT", **_LH),
    ),
    ("uv-973", "Sousou no Frieren 05 1080p", _e(title_en="Sousou no Frieren", episode=5, resolution="1080p")),
    # feed samples in shared/fixtures/upstreams
    (
        "fx-mikan-1",
        "[喵萌奶茶屋&LoliHouse] 夏日口袋 / 夏日的小宝箱 / Summer Pockets - 04 [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]",
        _e(
            group="喵萌奶茶屋&LoliHouse",
            title_zh="夏日口袋",
            title_en="Summer Pockets",
            episode=4,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "fx-mikan-2",
        "[NC-Raws] 继母的拖油瓶是我的前女友 / Mamahaha no Tsurego - 02 (Baha 1920x1080 AVC AAC MP4)",
        _e(
            group="NC-Raws",
            title_zh="继母的拖油瓶是我的前女友",
            title_en="Mamahaha no Tsurego",
            episode=2,
            resolution="1080p",
            platform="Baha",
            video="AVC",
            audio="AAC",
        ),
    ),
    (
        "fx-mikan-3",
        "[NC-Raws] 继母的拖油瓶是我的前女友 / Mamahaha no Tsurego - 01 (B-Global 1920x1080 HEVC AAC MKV)",
        _e(
            group="NC-Raws",
            title_zh="继母的拖油瓶是我的前女友",
            title_en="Mamahaha no Tsurego",
            episode=1,
            resolution="1080p",
            platform="B-Global",
            video="HEVC",
            audio="AAC",
        ),
    ),
    (
        "fx-mikan-4",
        "[LoliHouse] 天才治疗师退队作为无照治疗师快乐过活 / Yami Healer - 09 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(
            group="LoliHouse",
            title_zh="天才治疗师退队作为无照治疗师快乐过活",
            title_en="Yami Healer",
            episode=9,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "fx-mikan-5",
        "[喵萌奶茶屋&LoliHouse] 直至魔女消逝 / 直到某魔女死去 / Aru Majo ga Shinu Made - 09 [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]",
        _e(
            group="喵萌奶茶屋&LoliHouse",
            title_zh="直至魔女消逝",
            title_en="Aru Majo ga Shinu Made",
            episode=9,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "fx-mikan-6",
        "[喵萌奶茶屋&LoliHouse] 测不准的阿波连同学 第二季 / Aharen-san wa Hakarenai S2 - 08 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(
            group="喵萌奶茶屋&LoliHouse",
            title_zh="测不准的阿波连同学",
            title_en="Aharen-san wa Hakarenai",
            season=2,
            season_raw="第二季",
            episode=8,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "fx-mikan-7",
        "[喵萌奶茶屋&LoliHouse] 杂旅 / 随兴旅-That's Journey- / Zatsu Tabi: That's Journey - 08 [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]",
        _e(
            group="喵萌奶茶屋&LoliHouse",
            title_zh="杂旅",
            title_en="Zatsu Tabi: That's Journey",
            episode=8,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "fx-mikan-8",
        "[喵萌奶茶屋&LoliHouse] 时光流逝，饭菜依旧美味 / Hibi wa Sugiredo Meshi Umashi - 07 [WebRip 1080p HEVC-10bit AAC ASSx2][简繁日内封字幕]",
        _e(
            group="喵萌奶茶屋&LoliHouse",
            title_zh="时光流逝，饭菜依旧美味",
            title_en="Hibi wa Sugiredo Meshi Umashi",
            episode=7,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "fx-mikan-9",
        "[MingY] 莉可丽丝：友谊是时间的窃贼 / Lycoris Recoil - Friends are thieves of time. [01-06][WebRip][1080p][简繁日内封]",
        _e(
            group="MingY",
            title_zh="莉可丽丝：友谊是时间的窃贼",
            title_en="Lycoris Recoil - Friends are thieves of time.",
            episode=[1, 6],
            batch=True,
            resolution="1080p",
            source="WebRip",
            sub="CHS+CHT+JPN",
        ),
    ),
    (
        "fx-mikan-10",
        "[MingY] 莉可丽丝：友谊是时间的窃贼 / Lycoris Recoil - Friends are thieves of time. [01-06][WebRip][1080p][简日内嵌]",
        _e(
            group="MingY",
            title_zh="莉可丽丝：友谊是时间的窃贼",
            title_en="Lycoris Recoil - Friends are thieves of time.",
            episode=[1, 6],
            batch=True,
            resolution="1080p",
            source="WebRip",
            sub="CHS+JPN",
        ),
    ),
    (
        "fx-mikan-11",
        "[SweetSub&LoliHouse] 机动战士高达 GQuuuuuuX / Mobile Suit Gundam GQuuuuuuX - 08 [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]",
        _e(
            group="SweetSub&LoliHouse",
            title_zh="机动战士高达 GQuuuuuuX",
            title_en="Mobile Suit Gundam GQuuuuuuX",
            episode=8,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "fx-mikan-12",
        "[LoliHouse] 紫云寺家的兄弟姊妹 / Shiunji-ke no Kodomotachi - 08 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕](检索用：紫云寺家的孩子们)",
        _e(
            group="LoliHouse",
            title_zh="紫云寺家的兄弟姊妹",
            title_en="Shiunji-ke no Kodomotachi",
            episode=8,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "fx-mikan-13",
        "[喵萌奶茶屋&LoliHouse] 末日后酒店 / Apocalypse Hotel - 07 [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]",
        _e(
            group="喵萌奶茶屋&LoliHouse",
            title_zh="末日后酒店",
            title_en="Apocalypse Hotel",
            episode=7,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "fx-mikan-14",
        "[LoliHouse] 快藏好！玛琪娜同学！！(无修版) / Kakushite! Makina-san!! (UNCENSORED) - 08 [WebRip 1080p HEVC-10bit AAC][无字幕]",
        _e(
            group="LoliHouse",
            title_zh="快藏好！玛琪娜同学！！",
            title_en="Kakushite! Makina-san!!",
            episode=8,
            **_LH,
        ),
    ),
    (
        "fx-mikan-15",
        "[LoliHouse] 爱有点沉重的暗黑精灵从异世界紧追不放(无修版) / Yandere Dark Elf (UNCENSORED) - 08 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(
            group="LoliHouse",
            title_zh="爱有点沉重的暗黑精灵从异世界紧追不放",
            title_en="Yandere Dark Elf",
            episode=8,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "fx-mikan-16",
        "[LoliHouse] 离开A级队伍的我，和从前的弟子往迷宫深处迈进 / Aparida - 19 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(
            group="LoliHouse",
            title_zh="离开A级队伍的我，和从前的弟子往迷宫深处迈进",
            title_en="Aparida",
            episode=19,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "fx-mikan-17",
        "[MingY] 小市民系列 第二季 / Shoushimin Series S2 [18][1080p][简繁日内封]",
        _e(
            group="MingY",
            title_zh="小市民系列",
            title_en="Shoushimin Series",
            season=2,
            season_raw="第二季",
            episode=18,
            resolution="1080p",
            sub="CHS+CHT+JPN",
        ),
    ),
    (
        "fx-mikan-18",
        "[喵萌奶茶屋&LoliHouse] 圣女因太过完美一点也不讨人喜欢而被废除婚约卖到邻国 / Kanpekiseijo - 08 [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]",
        _e(
            group="喵萌奶茶屋&LoliHouse",
            title_zh="圣女因太过完美一点也不讨人喜欢而被废除婚约卖到邻国",
            title_en="Kanpekiseijo",
            episode=8,
            sub="CHS+CHT+JPN",
            **_LH,
        ),
    ),
    (
        "fx-mikan-19",
        "[MingY&Billion Meta Lab] mono女孩 / mono [06][1080p][简日内嵌]",
        _e(
            group="MingY&Billion Meta Lab",
            title_zh="mono女孩",
            title_en="mono",
            episode=6,
            resolution="1080p",
            sub="CHS+JPN",
        ),
    ),
    (
        "fx-nyaa-1",
        "[Doomdos] - 트릭컬 만화동산 - 01 [1080P LFTLNET WEB-DL]",
        _e(
            group="Doomdos",
            title_en="트릭컬 만화동산",
            episode=1,
            resolution="1080p",
            source="WEB-DL",
            platform="LFTLNET",
        ),
    ),
    (
        "fx-nyaa-2",
        "[LoliHouse] 黑化吧！圣女大人 第二季 / 傷だらけ聖女より報復をこめて Season 2 / Kizu darake Seijo yori Houfuku wo Komete Season 2 - 01 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
        _e(
            group="LoliHouse",
            title_zh="黑化吧！圣女大人",
            title_jp="傷だらけ聖女より報復をこめて",
            title_en="Kizu darake Seijo yori Houfuku wo Komete",
            season=2,
            season_raw="第二季",
            episode=1,
            sub="CHS+CHT",
            **_LH,
        ),
    ),
    (
        "fx-nyaa-3",
        "[NC-Raws] 繼母的拖油瓶是我的前女友 / Mamahaha no Tsurego - 02 (Baha 1920x1080 AVC AAC MP4)",
        _e(
            group="NC-Raws",
            title_zh="繼母的拖油瓶是我的前女友",
            title_en="Mamahaha no Tsurego",
            episode=2,
            resolution="1080p",
            platform="Baha",
            video="AVC",
            audio="AAC",
        ),
    ),
    (
        "fx-dmhy-1",
        "【喵萌奶茶屋】★01月新番★[葬送的芙莉蓮 / Sousou no Frieren][31][1080p][繁日雙語][招募翻譯]",
        _e(
            group="喵萌奶茶屋",
            title_zh="葬送的芙莉蓮",
            title_en="Sousou no Frieren",
            episode=31,
            resolution="1080p",
            sub="CHT+JPN",
        ),
    ),
    (
        "fx-dmhy-2",
        "【喵萌奶茶屋】★01月新番★[葬送的芙莉莲 / Sousou no Frieren][30][1080p][简日双语][招募翻译]",
        _e(
            group="喵萌奶茶屋",
            title_zh="葬送的芙莉莲",
            title_en="Sousou no Frieren",
            episode=30,
            resolution="1080p",
            sub="CHS+JPN",
        ),
    ),
]


# --- titles written in real group styles -----------------------------------------------------


def styled() -> list[tuple[str, str, dict[str, Any]]]:
    out: list[tuple[str, str, dict[str, Any]]] = []
    n = len(SHOWS)

    def add(name: str, title: str, expect: dict[str, Any]) -> None:
        out.append((f"{name}-{len([o for o in out if o[0].startswith(name + '-')]) + 1:02d}", title, expect))

    for i, (zh, zt, en, jp) in enumerate(SHOWS):
        ep = (i * 7) % 24 + 1
        # ANi: Traditional title, Baha or Bilibili.
        add(
            "ani",
            f"[ANi] {zt} - {ep:02d} [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
            _e(group="ANi", title_zh=zt, episode=ep, **_ANI),
        )
        # LoliHouse weekly release.
        add(
            "lolihouse",
            f"[LoliHouse] {zh} / {en} - {ep:02d} [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
            _e(group="LoliHouse", title_zh=zh, title_en=en, episode=ep, sub="CHS+CHT", **_LH),
        )
        # SubsPlease with CRC and extension.
        add(
            "subsplease",
            f"[SubsPlease] {en} - {ep:02d} (1080p) [{CRCS[i % len(CRCS)]}].mkv",
            _e(group="SubsPlease", title_en=en, episode=ep, resolution="1080p", crc32=CRCS[i % len(CRCS)]),
        )

    for i, (zh, zt, en, jp) in enumerate(SHOWS[::2]):
        ep = (i * 5) % 13 + 1
        m = (i % 4) * 3 + 1
        add(
            "miaomeng",
            f"【喵萌奶茶屋】★{m:02d}月新番★[{zh} / {en}][{ep:02d}][1080p][简日双语][招募翻译]",
            _e(group="喵萌奶茶屋", title_zh=zh, title_en=en, episode=ep, resolution="1080p", sub="CHS+JPN"),
        )
        add(
            "miaomeng",
            f"【喵萌奶茶屋】★{m:02d}月新番★[{zt} / {en}][{ep:02d}][720p][繁日雙語][招募翻譯]",
            _e(group="喵萌奶茶屋", title_zh=zt, title_en=en, episode=ep, resolution="720p", sub="CHT+JPN"),
        )
        add(
            "sakurato",
            f"[桜都字幕组] {zh} / {en} [{ep:02d}][1080p][简繁内封]",
            _e(group="桜都字幕组", title_zh=zh, title_en=en, episode=ep, resolution="1080p", sub="CHS+CHT"),
        )
        add(
            "kitauji",
            f"[北宇治字幕组] {zh} / {en} [{ep:02d}][WebRip][HEVC_AAC][简日内嵌]",
            _e(
                group="北宇治字幕组",
                title_zh=zh,
                title_en=en,
                episode=ep,
                source="WebRip",
                video="HEVC",
                audio="AAC",
                sub="CHS+JPN",
            ),
        )
        add(
            "nekomoe-kissaten",
            f"[Nekomoe kissaten][{en}][{ep:02d}][1080p][JPSC]",
            _e(group="Nekomoe kissaten", title_en=en, episode=ep, resolution="1080p", sub="CHS+JPN"),
        )
        add(
            "erai",
            f"[Erai-raws] {en} - {ep:02d} [1080p CR WEB-DL AVC AAC][MultiSub][{CRCS[(i + 3) % 8]}]",
            _e(
                group="Erai-raws",
                title_en=en,
                episode=ep,
                resolution="1080p",
                platform="CR",
                source="WEB-DL",
                video="AVC",
                audio="AAC",
                sub="MULTI",
                crc32=CRCS[(i + 3) % 8],
            ),
        )
        add(
            "chinatsu",
            f"【千夏字幕组】【{zh}_{en}】[第{ep:02d}话][1080p_AVC][简繁外挂]",
            _e(
                group="千夏字幕组",
                title_zh=zh,
                title_en=en,
                episode=ep,
                resolution="1080p",
                video="AVC",
                sub="CHS+CHT",
            ),
        )
        add(
            "huanying",
            f"【幻樱字幕组】【{m}月新番】【{zh} {en}】【{ep:02d}】【BIG5_MP4】【1280X720】",
            _e(group="幻樱字幕组", title_zh=zh, title_en=en, episode=ep, resolution="720p", sub="CHT"),
        )

    for i, (zh, zt, en, jp) in enumerate(SHOWS[1::2]):
        ep = (i * 3) % 12 + 1
        m = (i % 4) * 3 + 1
        add(
            "jiying",
            f"【极影字幕社】★{m}月新番 {zh} {en} 第{ep:02d}话 GB 1080P MP4（字幕社招人内详）",
            _e(group="极影字幕社", title_zh=zh, title_en=en, episode=ep, resolution="1080p", sub="CHS"),
        )
        add(
            "dmg",
            f"【动漫国字幕组】★{m:02d}月新番[{zh}][{ep:02d}][1080P][简体][MP4]",
            _e(group="动漫国字幕组", title_zh=zh, episode=ep, resolution="1080p", sub="CHS"),
        )
        add(
            "dmg",
            f"【動漫國字幕組】★{m:02d}月新番[{zt}][{ep:02d}][720P][繁體][MP4]",
            _e(group="動漫國字幕組", title_zh=zt, episode=ep, resolution="720p", sub="CHT"),
        )
        add(
            "kamigami",
            f"[澄空学园&华盟字幕社] {zh} 第{ep:02d}话 MP4 720p",
            _e(group="澄空学园&华盟字幕社", title_zh=zh, episode=ep, resolution="720p"),
        )
        add(
            "huameng",
            f"【华盟字幕社&千夏字幕组】[{zh}_{en}][{ep:02d}][简体][1080P]",
            _e(
                group="华盟字幕社&千夏字幕组",
                title_zh=zh,
                title_en=en,
                episode=ep,
                resolution="1080p",
                sub="CHS",
            ),
        )
        add(
            "ohys",
            f"[Ohys-Raws] {en} - {ep:02d} (AT-X 1280x720 x264 AAC).mp4",
            _e(
                group="Ohys-Raws",
                title_en=en,
                episode=ep,
                resolution="720p",
                platform="AT-X",
                video="AVC",
                audio="AAC",
            ),
        )
        add(
            "asw",
            f"[ASW] {en} - {ep:02d} [1080p HEVC x265 10Bit][AAC]",
            _e(group="ASW", title_en=en, episode=ep, resolution="1080p", video="HEVC", audio="AAC"),
        )
        add(
            "cn-num",
            f"【极影字幕社】 {zh} 第{CN_NUM.get(ep, str(ep))}话 GB 720P",
            _e(group="极影字幕社", title_zh=zh, episode=ep, resolution="720p", sub="CHS"),
        )

    # Seasons in every notation.
    season_forms = [
        ("{zh} 第二季 / {en} 2nd Season", 2, "第二季"),
        ("{zh} 第2季 / {en} Season 2", 2, "第2季"),
        ("{zh} 第三季 / {en} 3rd Season", 3, "第三季"),
        ("{zh} 第三期 / {en} S3", 3, "第三期"),
        ("{en} S2", 2, "S2"),
        ("{en} S02", 2, "S02"),
        ("{en} Season 3", 3, "Season 3"),
        ("{en} 2nd Season", 2, "2nd Season"),
        ("{en} Second Season", 2, "Second Season"),
        ("{en} Third Season", 3, "Third Season"),
        ("{en} II", 2, "II"),
        ("{en} III", 3, "III"),
        ("{zh} 第四季", 4, "第四季"),
        ("{zh} 第十季", 10, "第十季"),
        ("{zh} 第2期", 2, "第2期"),
        ("{zh}（第二季）", 2, "第二季"),
    ]
    for i, (form, season, raw) in enumerate(season_forms):
        zh, zt, en, jp = SHOWS[(i * 5) % n]
        ep = i + 2
        name = form.format(zh=zh, en=en)
        exp = _e(title_en=en if "{en}" in form else None, title_zh=zh if "{zh}" in form else None)
        exp = {k: v for k, v in exp.items() if v is not None}
        add(
            "season",
            f"[LoliHouse] {name} - {ep:02d} [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
            _e(group="LoliHouse", season=season, season_raw=raw, episode=ep, sub="CHS+CHT", **exp, **_LH),
        )
        add(
            "season-sp",
            f"[SubsPlease] {en} S{season} - {ep:02d} (720p) [{CRCS[i % 8]}].mkv",
            _e(
                group="SubsPlease",
                title_en=en,
                season=season,
                season_raw=f"S{season}",
                episode=ep,
                resolution="720p",
                crc32=CRCS[i % 8],
            ),
        )

    # Scene names: dotted and spaced, group at the end.
    for i, (zh, zt, en, jp) in enumerate(SCENE_SAFE[:14]):
        s, ep = i % 3 + 1, (i * 4) % 12 + 1
        dotted = en.replace(" ", ".")
        plat, pname = [("CR", "CR"), ("NF", "Netflix"), ("AMZN", "Amazon"), ("B-Global", "B-Global")][i % 4]
        add(
            "scene",
            f"{dotted}.S{s:02d}E{ep:02d}.1080p.{plat}.WEB-DL.AAC2.0.H.264-VARYG.mkv",
            _e(
                group="VARYG",
                title_en=en,
                season=s,
                season_raw=f"S{s:02d}",
                episode=ep,
                resolution="1080p",
                platform=pname,
                source="WEB-DL",
                video="AVC",
                audio="AAC",
            ),
        )
        add(
            "scene",
            f"{en} S{s:02d}E{ep:02d} 1080p WEB H264-SENPAI",
            _e(
                group="SENPAI",
                title_en=en,
                season=s,
                season_raw=f"S{s:02d}",
                episode=ep,
                resolution="1080p",
                source="WEB",
                video="AVC",
            ),
        )
        add(
            "judas",
            f"[Judas] {en} - S{s}E{ep:02d} [1080p][HEVC x265 10bit][Eng-Subs]",
            _e(
                group="Judas",
                title_en=en,
                season=s,
                season_raw=f"S{s}",
                episode=ep,
                resolution="1080p",
                video="HEVC",
                sub="ENG",
            ),
        )
        add(
            "ember",
            f"[EMBER] {en} S{s:02d}E{ep:02d} [1080p] [HEVC WEBRip] (Multi Subs)",
            _e(
                group="EMBER",
                title_en=en,
                season=s,
                season_raw=f"S{s:02d}",
                episode=ep,
                resolution="1080p",
                source="WebRip",
                video="HEVC",
                sub="MULTI",
            ),
        )
        add(
            "dkb",
            f"[DKB] {en} - S{s:02d}E{ep:02d} [1080p][HEVC x265 10bit][Multi-Subs][weekly]",
            _e(
                group="DKB",
                title_en=en,
                season=s,
                season_raw=f"S{s:02d}",
                episode=ep,
                resolution="1080p",
                video="HEVC",
                sub="MULTI",
            ),
        )

    # Versions, decimals, specials, movies, batches.
    for i, (zh, zt, en, jp) in enumerate(SHOWS[:12]):
        ep = i + 3
        add(
            "v2",
            f"[LoliHouse] {zh} / {en} - {ep:02d}v2 [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
            _e(group="LoliHouse", title_zh=zh, title_en=en, episode=ep, version=2, sub="CHS+CHT", **_LH),
        )
        add(
            "v2",
            f"[桜都字幕组] {zh} / {en} [{ep:02d}v2][1080p][简体内嵌]",
            _e(
                group="桜都字幕组",
                title_zh=zh,
                title_en=en,
                episode=ep,
                version=2,
                resolution="1080p",
                sub="CHS",
            ),
        )
        add(
            "half",
            f"[ANi] {zt} - {ep}.5 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
            _e(group="ANi", title_zh=zt, episode=ep + 0.5, **_ANI),
        )
        add(
            "batch",
            f"[LoliHouse] {zh} / {en} [01-{ep + 9} 精校合集][WebRip 1080p HEVC-10bit AAC][简繁内封字幕][Fin]",
            _e(
                group="LoliHouse",
                title_zh=zh,
                title_en=en,
                episode=[1, ep + 9],
                batch=True,
                sub="CHS+CHT",
                **_LH,
            ),
        )
        add(
            "batch",
            f"[SubsPlease] {en} (01-{ep + 9}) (1080p) [Batch]",
            _e(group="SubsPlease", title_en=en, episode=[1, ep + 9], batch=True, resolution="1080p"),
        )
        add(
            "batch",
            f"【喵萌奶茶屋】★10月新番★[{zh} / {en}][01-{ep + 9}][1080p][简日双语][合集]",
            _e(
                group="喵萌奶茶屋",
                title_zh=zh,
                title_en=en,
                episode=[1, ep + 9],
                batch=True,
                resolution="1080p",
                sub="CHS+JPN",
            ),
        )
        add(
            "batch",
            f"[Erai-raws] {en} - 01 ~ {ep + 9} [1080p][Multiple Subtitle]",
            _e(
                group="Erai-raws",
                title_en=en,
                episode=[1, ep + 9],
                batch=True,
                resolution="1080p",
                sub="MULTI",
            ),
        )
        add(
            "vcb",
            f"[Nekomoe kissaten&VCB-Studio] {en} [Ma10p_1080p]",
            _e(group="Nekomoe kissaten&VCB-Studio", title_en=en, resolution="1080p", video="HEVC"),
        )
        add(
            "vcb",
            f"[VCB-Studio] {en} / {zh} 10-bit 1080p HEVC BDRip [Fin]",
            _e(
                group="VCB-Studio",
                title_en=en,
                title_zh=zh,
                resolution="1080p",
                video="HEVC",
                source="BDRip",
                batch=True,
            ),
        )
        add(
            "special",
            f"[LoliHouse] {zh} / {en} - SP{(i % 3) + 1:02d} [WebRip 1080p HEVC-10bit AAC][简繁内封字幕]",
            _e(
                group="LoliHouse",
                title_zh=zh,
                title_en=en,
                episode=(i % 3) + 1,
                episode_type="special",
                sub="CHS+CHT",
                **_LH,
            ),
        )
        add(
            "ova",
            f"[Erai-raws] {en} OVA - {(i % 2) + 1:02d} [1080p][Multiple Subtitle]",
            _e(
                group="Erai-raws",
                title_en=en,
                episode=(i % 2) + 1,
                episode_type="ova",
                resolution="1080p",
                sub="MULTI",
            ),
        )
        add(
            "ova",
            f"[桜都字幕组] {zh} OVA [{(i % 2) + 1:02d}][1080p][简体内嵌]",
            _e(
                group="桜都字幕组",
                title_zh=zh,
                episode=(i % 2) + 1,
                episode_type="ova",
                resolution="1080p",
                sub="CHS",
            ),
        )

    for i, (zh, zt, en, jp) in enumerate(SHOWS[12:24]):
        add(
            "movie",
            f"[LoliHouse] 剧场版 {zh} / {en} The Movie [BDRip 1080p HEVC-10bit FLAC][简繁内封字幕]",
            _e(
                group="LoliHouse",
                title_zh=zh,
                title_en=en,
                episode_type="movie",
                resolution="1080p",
                source="BDRip",
                video="HEVC",
                audio="FLAC",
                sub="CHS+CHT",
            ),
        )
        add(
            "movie",
            f"[ANi] 劇場版 {zt} [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
            _e(group="ANi", title_zh=zt, episode_type="movie", **_ANI),
        )
        if jp:
            add(
                "jp",
                f"[Lilith-Raws] {zh} / {jp} / {en} - {i + 1:02d} [Baha][WEB-DL][1080p][AVC AAC][CHT][MP4]",
                _e(group="Lilith-Raws", title_zh=zh, title_jp=jp, title_en=en, episode=i + 1, **_ANI),
            )
            add(
                "jp",
                f"[Ohys-Raws] {jp} - {i + 1:02d} (BS11 1920x1080 x264 AAC).mp4",
                _e(
                    group="Ohys-Raws",
                    title_jp=jp,
                    episode=i + 1,
                    resolution="1080p",
                    platform="BS11",
                    video="AVC",
                    audio="AAC",
                ),
            )

    # Full-width characters and odd spacing.
    for i, (zh, zt, en, jp) in enumerate(SHOWS[24:36]):
        ep = i + 1
        fw_ep = "".join(chr(ord(c) + 0xFEE0) for c in f"{ep:02d}")
        add(
            "fullwidth",
            f"【喵萌奶茶屋】★０７月新番★［{zh}／{en}］［{fw_ep}］［１０８０ｐ］［简日双语］",
            _e(group="喵萌奶茶屋", title_zh=zh, title_en=en, episode=ep, resolution="1080p", sub="CHS+JPN"),
        )
        add(
            "spacing",
            f"[ANi]   {zt}  -  {ep:02d}   [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]",
            _e(group="ANi", title_zh=zt, episode=ep, **_ANI),
        )
        add(
            "resolution",
            f"[NC-Raws] {zh} / {en} - {ep:02d} (B-Global 3840x2160 HEVC AAC MKV)",
            _e(
                group="NC-Raws",
                title_zh=zh,
                title_en=en,
                episode=ep,
                resolution="2160p",
                platform="B-Global",
                video="HEVC",
                audio="AAC",
            ),
        )
        add(
            "resolution",
            f"[GM-Team][国漫][{zh}][{en}][2024][{ep + 40:02d}][AVC][GB][4K]",
            _e(
                group="GM-Team",
                title_zh=zh,
                title_en=en,
                year=2024,
                episode=ep + 40,
                resolution="2160p",
                video="AVC",
                sub="CHS",
            ),
        )
        add(
            "jibaketa",
            f"[jibaketa合成&音頻壓製][代理商粵語]{zt} - {ep:02d} [粵日雙語+內封繁體中文字幕][WEB 1920x1080 x264 AACx2 SRT Ani-One CHT]",
            _e(
                group="jibaketa合成&音頻壓製",
                title_zh=zt,
                episode=ep,
                resolution="1080p",
                source="WEB",
                platform="Ani-One",
                video="AVC",
                audio="AAC",
                sub="CHT",
            ),
        )

    # Long-running shows with 3-4 digit episodes.
    for ep in (1100, 1101, 1120, 987):
        add(
            "long",
            f"[Skymoon-Raws] 海贼王 / One Piece - {ep} [ViuTV][WEB-DL][1080p][AVC AAC]",
            _e(
                group="Skymoon-Raws",
                title_zh="海贼王",
                title_en="One Piece",
                episode=ep,
                resolution="1080p",
                source="WEB-DL",
                platform="ViuTV",
                video="AVC",
                audio="AAC",
            ),
        )
        add(
            "long",
            f"[SBSUB][CONAN][{ep + 30}][1080P][AVC_AAC][CHS_JP]",
            _e(
                group="SBSUB",
                title_en="CONAN",
                episode=ep + 30,
                resolution="1080p",
                video="AVC",
                audio="AAC",
                sub="CHS+JPN",
            ),
        )
    return out


def main() -> None:
    rows: list[dict[str, Any]] = []
    for name, title, expect in REAL:
        rows.append({"id": name, "origin": "real", "title": title, "expect": expect})
    for name, title, expect in styled():
        rows.append({"id": name, "origin": "styled", "title": title, "expect": expect})
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} titles to {OUT}")


if __name__ == "__main__":
    main()
