"""Release-title shapes the parser once got wrong, one case each (made-up titles of real shapes).

Each case lists only the fields it is about; the corpus test covers everything else.
"""

from __future__ import annotations

from typing import Any

import pytest

from autobangumi_daemon.core.title_parser import explain, parse_title

CASES: list[tuple[str, dict[str, Any]]] = [
    # several CJK names in one block, split by `/`
    (
        "[某字幕组][中文名甲/中文名乙/日本語のタイトル/Romaji Name][01][1080p]",
        {"title_zh": "中文名甲", "title_jp": "日本語のタイトル", "title_en": "Romaji Name", "episode": 1},
    ),
    # Latin and Chinese titles glued together
    (
        "[某字幕组] 吹响吧！上低音号Hibike! Euphonium - 03 [1080p]",
        {"title_zh": "吹响吧！上低音号", "title_en": "Hibike! Euphonium"},
    ),
    ("[某字幕组] Let's Camp!露营少女 - 03 [1080p]", {"title_zh": "露营少女", "title_en": "Let's Camp!"}),
    # a season in katakana
    ("[組] 作品名 シーズン2 第3話 [1080p]", {"title_zh": "作品名", "season": 2, "episode": 3}),
    ("[組] 作品名 第2シーズン [1080p]", {"season": 2, "batch": True, "episode": None}),
    # `Subtitle` in a title is a word; beside a language it is the subtitle tag
    (
        "[Group] Show - Subtitle Arc - 05 [1080p]",
        {"title_en": "Show - Subtitle Arc", "episode": 5, "sub": None},
    ),
    ("Some Title - 05 Eng Sub [1080p]", {"title_en": "Some Title", "episode": 5, "sub": "ENG"}),
    # the same Chinese name written twice
    ("[某字幕组] 标题 标题 / Title - 05 [1080p]", {"title_zh": "标题", "title_en": "Title", "episode": 5}),
    (
        "【幻樱字幕组】【龙珠DAIMA Dragon Ball DAIMA】【06】【1080P】",
        {"title_zh": "龙珠DAIMA", "title_en": "Dragon Ball DAIMA"},
    ),
    # frame sizes and fused resolution tokens
    ("[Group] Title - 01 [1920x804 HEVC]", {"resolution": "1080p", "video": "HEVC"}),
    ("[Group] Title - 01 [1920x816@60FPS]", {"resolution": "1080p"}),
    ("[Group] Title - 01 [HEVC-10Bit-2160P]", {"resolution": "2160p", "video": "HEVC"}),
    ("[Group] Title - 01 [AI2160p]", {"resolution": "2160p"}),
    ("[Group] Title - 01 [h264-720p]", {"resolution": "720p", "video": "AVC"}),
    ("[Group] Title - 01 [1080p-FLAC]", {"resolution": "1080p", "audio": "FLAC"}),
    ("[Group] Title - 01 [1080p_AVC]", {"resolution": "1080p", "video": "AVC"}),
    # a bit depth in two words is not an episode; `Hi10` is the H.264 profile
    (
        "[Group] Title (Season 2) [WEBRip] [1080p Dual Audio HEVC 10 bits DDP]",
        {"season": 2, "episode": None, "batch": True, "video": "HEVC"},
    ),
    ("[Group] Title - 05 (BD 1080p Hi10 FLAC)", {"episode": 5, "video": "AVC", "audio": "FLAC"}),
    ("Show Name 445 VOSTFR (1280*720)", {"resolution": "720p"}),
    # subtitle tags
    ("[某字幕组] 标题 - 01 [1080p][外挂GB/BIG5]", {"sub": "CHS+CHT"}),
    ("[某字幕组] 标题 - 01 [1080p][外挂CHS/CHT]", {"sub": "CHS+CHT"}),
    ("[某字幕组] 标题 - 01 [1080p][GB_CN]", {"sub": "CHS"}),
    ("[某字幕组] 标题 - 01 [1080p][BIG5繁體]", {"sub": "CHT"}),
    ("[某字幕组] 标题 - 01 [1080p][官方簡繁內封字幕]", {"sub": "CHS+CHT"}),
    ("[Group] Title - 01 [1080p][CHS-Sub]", {"sub": "CHS"}),
    ("[Group] Title - 01 [1080p][English-Sub]", {"sub": "ENG"}),
    ("[Group] Title - 01 [1080p] EN Hardsub", {"sub": "ENG"}),
    # batches without a range, and the last episode that is not one
    ("[某字幕组] 标题 第三季 [1080p]", {"season": 3, "episode": None, "batch": True}),
    ("Show.Name.S01.720p.WEB-DL.x264-Group", {"season": 1, "episode": None, "batch": True}),
    ("[Group] Title Season 4-6 [1080p]", {"season": 4, "episode": None, "batch": True}),
    ("[某字幕组] 标题 - 24（END） [1080p]", {"episode": 24, "batch": False}),
    # episode forms
    ("[Group] Title - 06+ES06 [1080p]", {"title_en": "Title", "episode": 6, "batch": False}),
    ("[Group] Title - 01+02 [1080p]", {"episode": (1, 2), "batch": True}),
    ("Title E41 E42 E43 1080p", {"title_en": "Title", "episode": (41, 43)}),
    ("Title E01-E02 1080p WEB-DL", {"episode": (1, 2), "source": "WEB-DL"}),
    ("[Group] Title [EP: 29-31] [1080p]", {"episode": (29, 31)}),
    ("[Group] Title Ep05v2 [1080p]", {"episode": 5, "version": 2}),
    (
        "[Group] Title - 01.DVD[480p]",
        {"title_en": "Title", "episode": 1, "resolution": "480p", "source": "DVD"},
    ),
    ("[Group] Title - 07 WEB [720p]", {"title_en": "Title", "episode": 7, "source": "WEB"}),
    (
        "Da Vinci's Demons - 1x04 - The Magician.mkv",
        {"title_en": "Da Vinci's Demons", "season": 1, "episode": 4},
    ),
    ("Example S01E01E02.avi", {"title_en": "Example", "episode": (1, 2)}),
    ("Show.Name.S2013E14.1080p.HDTV.x264-GRP.mkv", {"season": 2013, "episode": 14, "group": "GRP"}),
    # the group at the end, doubled brackets, the first bracket that is the show
    ("Title_-_01_[720p]_-_GROUP.mkv", {"title_en": "Title", "episode": 1, "group": "GROUP"}),
    ("Title - 01 (Group) [ABCD1234].mkv", {"group": "Group", "crc32": "ABCD1234"}),
    ("Title 24 (Blu-Ray 1080p) [Group]", {"group": "Group", "episode": 24, "source": "BluRay"}),
    ("Title - 316-317 [Group][ABCD1234]", {"group": "Group", "episode": (316, 317)}),
    ("[[Group] Title - 01 [1080p]", {"group": "Group", "title_en": "Title"}),
    ("[斗罗大陆][第88集][国语中字]", {"group": None, "title_zh": "斗罗大陆", "episode": 88}),
    ("Next.Of.Kin.2018.S01E04.HDTV.x264-ORGANiC[eztv].mkv", {"group": "ORGANiC", "year": 2018}),
    ("wwiis.most.daring.raids.s01e04.1080p.web.h.264-edhd-sample.mkv", {"group": "edhd"}),
    ("[.www.site.com.].-.Snooze.and.Go.Sleep.S03E02.1080p.HEVC.x265-MeGusta", {"group": "MeGusta"}),
    (
        "Some.Film.2012.BluRay.1080p.x264.AC3.Eng.GRPNAME",
        {"title_en": "Some Film", "group": "GRPNAME", "year": 2012},
    ),
    ("A Film-2007-TRUEFRENCH-TVRip.Xvid-h@mster.avi", {"group": "h@mster", "year": 2007}),
    ("How To Steal A Dog.2014.BluRay.1080p.x264", {"title_en": "How To Steal A Dog", "year": 2014}),
    # the group dotted on after the tags, not a file extension; a group before appended notes
    ("Some.Film.2016.720p.GRPX", {"title_en": "Some Film", "resolution": "720p", "group": "GRPX"}),
    ("Some.Film.2016.720p.x264-GRP.mkv", {"group": "GRP", "resolution": "720p"}),
    ("Some.Release.2020.1080p.x264-GRP.tar", {"group": "GRP"}),
    ("Show.Name.S02E03.720p.HDTV.x264-Grp.-.Dual.Audio.-.Dublado", {"group": "Grp", "episode": 3}),
    ("Show.Name.S05E05.HDTV.XviD-GRP.HebSubs", {"group": "GRP", "title_en": "Show Name"}),
    ("Show.Name.S01E03.WEB-DL.x264.HUN-nGrp", {"group": "nGrp"}),
    ("Some.Film.2010.1080p.x264.D-Z0N3", {"group": "D-Z0N3"}),
    # a file name's underscores in a spaced name; `Special` inside a show's name; a glued dash
    ("Initial_Show_Name - 03 DVD - Some Group", {"title_en": "Initial Show Name", "episode": 3}),
    (
        "[Grp] Show With Special Naming (Season 2) - 33 [720p]",
        {"title_en": "Show With Special Naming", "season": 2, "episode_type": "tv"},
    ),
    ("[Grp] Show Name Special - 01 [720p]", {"title_en": "Show Name", "episode_type": "special"}),
    ("Some_Show_2013_Christmas_Special.The_Time.HD", {"episode_type": "special"}),
    ("[Grp]Show_Name-01[1280x720][122E6EF8]", {"title_en": "Show Name", "episode": 1, "group": "Grp"}),
    ("[Grp] Show Name-02v2 [720p]", {"title_en": "Show Name", "episode": 2, "version": 2}),
    ("Title-2014-French", {"episode": None}),
    ("[Grp] Show 01 - 119 [1080p] [Batch]", {"title_en": "Show", "episode": (1, 119), "batch": True}),
    # scene numbering: an episode name that starts with a number; a daily soap; a dash inside
    ("Show Name - S02E21 - 94 Meetings - 720p TV.mkv", {"episode": 21, "batch": False}),
    ("Show Name - S02E21-E22 - Title", {"episode": (21, 22)}),
    ("The Show And the Show - S41 E10478 - 2014-08-15", {"season": 41, "episode": 10478, "batch": False}),
    ("Show S1-E1-WEB-DL-1080p-NZBgeek", {"season": 1, "episode": 1, "source": "WEB-DL", "group": "NZBgeek"}),
    ("Show Name - 2016x231", {"season": 2016, "episode": 231, "resolution": None}),
    ("[Grp] Film (1920x800 HEVC)", {"resolution": "1080p", "season": 1}),
    ("[Grp] Show - 01 (2048x858 AVC)", {"resolution": "1080p", "episode": 1}),
    ("69.S01E01", {"title_en": "69"}),
    ("Eureka Season 1 720p WEB DL DD 5 1 h264 TjHD", {"season": 1, "episode": None, "batch": True}),
    ("The Martian 2015 540p HDRip KORSUB x264 AAC2 0-FGT", {"episode": None, "group": "FGT"}),
    ("Warehouse.13.S01E01", {"title_en": "Warehouse 13"}),
    # punctuation that belongs to a title; dashes before the episode
    ("Evangelion_1.11_You_Are_(Not)_Alone_[1080p]", {"title_en": "Evangelion 1.11 You Are (Not) Alone"}),
    ("[Group] Title ‒ 05 [1080p]", {"title_en": "Title", "episode": 5}),
    # sources
    ("[Group] Title - 01 [WEB][1080p]", {"source": "WEB"}),
    ("[Group] Title - 01 [CR-WebRip 1080p]", {"source": "WebRip", "platform": "CR"}),
    ("[Group] Title - 01 [BILI.WEB-DL 1080p]", {"source": "WEB-DL", "platform": "Bilibili"}),
    ("[Group] Title - 01 [DVD]", {"source": "DVD"}),
    ("Hercules (2014) 1080p BrRip H264 - YIFY", {"title_en": "Hercules", "year": 2014, "source": "BDRip"}),
    # scene names: the year ends the title; edition and dub words are not title
    ("Mommy.2014.FRENCH.BDRip.x264-PRiDEHD", {"title_en": "Mommy", "year": 2014, "group": "PRiDEHD"}),
    ("Wonder Woman 1984 2020 BluRay 1080p x264-EPiC", {"title_en": "Wonder Woman 1984", "year": 2020}),
    ("Peter.Pan.TRUEFRENCH.DVDRip.XviD.AC3-LiberTeam", {"title_en": "Peter Pan", "source": "DVDRip"}),
    ("Movie.Name.2020.1080p.x264-GRP.mkv", {"title_en": "Movie Name", "year": 2020}),
    ("Date.Show.03-29-2012.HDTV.XViD-FlexGet", {"title_en": "Date Show", "source": "HDTV"}),
    ("www.1TamilMV.world - Some Title (2024) HQ HDRip - x264.mkv", {"title_en": "Some Title", "year": 2024}),
    ("Le.Film.(The.Film).DVDRip.XviD-GRP", {"title_en": "Le Film", "source": "DVDRip"}),
    ("Old.Film.1917.1080p.BluRay.x264-GRP.mkv", {"title_en": "Old Film", "year": 1917, "episode": None}),
    ("Show.Name.S01E02.S01E03.HDTV.XViD-GRP", {"episode": (2, 3), "batch": True}),
    ("Breaking.Show.COMPLETE.1080p.BluRay.x264-GRP", {"title_en": "Breaking Show", "batch": True}),
    ("The.Film.2001.COMPLETE.BLURAY-GRP", {"title_en": "The Film", "batch": False}),
    ("Serie Temporada 2 Completa 720p", {"title_en": "Serie", "season": 2, "batch": True}),
    ("Show 2ª Temporada 720p", {"title_en": "Show", "season": 2, "batch": True}),
    ("Show.Name.Folge.5.von.12.German.HDTV", {"title_en": "Show Name", "episode": 5, "source": "HDTV"}),
    ("Show.Name.14.of.21.720p.HDTV.x264-GRP", {"title_en": "Show Name", "episode": 14}),
    # notes that are not titles
    ("[某字幕组] 标题（第四季 S4） - 01 [1080p]", {"title_zh": "标题", "season": 4}),
    ("[某字幕组] 标题（僅限港澳臺地區） - 01 [1080p]", {"title_zh": "标题"}),
    ("[Group] Title - 01 [tmdbid=123] [1080p]", {"title_en": "Title"}),
    ("[Group] Title Movie [1080p]", {"title_en": "Title", "episode_type": "movie"}),
    # a numbered series of films is a pack
    ("[Group] Title Movie [01-05] [1080p]", {"episode": (1, 5), "batch": True, "episode_type": "movie"}),
    ("[Group] Title (2025) - 01 [1080p]", {"title_en": "Title", "year": 2025, "episode": 1}),
    # with no medium written, the platform is the source: Baha and B-Global releases stay apart
    (
        "[NC-Raws] 某部番 / Some Show - 02 (Baha 1920x1080 AVC AAC MP4)",
        {"source": "Baha", "platform": "Baha", "resolution": "1080p", "episode": 2},
    ),
    (
        "[NC-Raws] 某部番 / Some Show - 02 (B-Global 1920x1080 HEVC AAC MKV)",
        {"source": "B-Global", "platform": "B-Global", "resolution": "1080p", "episode": 2},
    ),
    (
        "[Up to 21°C] 某部番 / Some Show - 09 (B-Global Donghua 1920x1080 HEVC AAC MKV)",
        {"source": "B-Global", "title_en": "Some Show"},
    ),
    ("[ANi] 某部番 - 01 [1080P][Baha][WEB-DL][AAC AVC][CHT][MP4]", {"source": "WEB-DL", "platform": "Baha"}),
    # a Roman numeral is a season only where nothing says it is the title's own
    ("[Group] Show Name III - 05 [1080p]", {"title_en": "Show Name", "season": 3, "episode": 5}),
    ("Some.Film.Part.III.1990.1080p.BluRay.x264-GRP", {"title_en": "Some Film Part III", "season": 1}),
    ("Planet.Show.II.S01.2160p.UHD.BluRay.x265-GRP", {"title_en": "Planet Show II", "season": 1}),
    ("Lost.Gold.of.War.II.S02E07.WEB.h264-GRP", {"title_en": "Lost Gold of War II", "season": 2}),
    ("Some Film II (1993) [1080p] [BluRay]", {"title_en": "Some Film II", "season": 1, "year": 1993}),
    ("Hero.III.The.First.2019.1080p.BluRay.x265-GRP", {"title_en": "Hero III The First", "season": 1}),
    # a scene name's `Movie` is part of the film's title
    ("Some.Jokers.The.Movie.2020.1080p.WEBRip.x264", {"title_en": "Some Jokers The Movie", "year": 2020}),
    ("some.movie.720p.bluray.x264-grp", {"title_en": "some movie", "group": "grp"}),
    # dub language or edition just before the year; 3D and cut words; `WEB.DL`
    ("Ein.Film.German.2010.LD.DVDRip.XviD-GRP", {"title_en": "Ein Film", "year": 2010}),
    ("Some.Film.3D.HSBS.German.DL.1080p.BluRay.x264-GRP", {"title_en": "Some Film"}),
    ("Show.Name.S05E06.720p.WEB.DL.DD5.1.H.264-GRP.mkv", {"title_en": "Show Name", "source": "WEB-DL"}),
    ("Show.Name.S07E03.ITA.ENG.1080p.AMZN.WEB-DLMux.DD5.1.H.264-GRP", {"source": "WEB"}),
    # episode forms of TV rips and classic file names
    ("Show.Name.1x02.1x03.HDTV.XViD-GRP", {"season": 1, "episode": (2, 3), "batch": True}),
    ("Show Name - 1x02 - 1x03 - 1x04 - Ep Name", {"title_en": "Show Name", "episode": (2, 4)}),
    ("Show Name - Temporada 4 [HDTV][Cap.408][Español]", {"season": 4, "episode": 8, "batch": False}),
    ("Show.Name.-.Temporada.15.720p.HDTV.x264[Cap.1503_1506]SPANISH", {"season": 15, "episode": (3, 6)}),
    ("the.show.2014.208.hdtv-grp.mp4", {"title_en": "the show", "season": 2, "episode": 8}),
    ("Show.Name.102.HDTV.XViD-GRP", {"title_en": "Show Name", "season": 1, "episode": 2}),
    ("[Group] One Show - 720 [1080p]", {"title_en": "One Show", "season": 1, "episode": 720}),
    ("Show.Name.S01.E02.E03", {"title_en": "Show Name", "episode": (2, 3)}),
    ("[DeadFish] 01 - Show Name [BD][720p][AAC].mp4", {"title_en": "Show Name", "episode": 1}),
    ("003. Show Name - Ep Name.avi", {"title_en": "Show Name", "episode": 3}),
    ("03-Show.Name.avi", {"title_en": "Show Name", "episode": 3}),
    ("[Group] 5-toubun no Hanayome [BD 1080p]", {"title_en": "5-toubun no Hanayome", "episode": None}),
    # groups written after the tags, or with dots
    ("[t.3.3.d]_Show_Name_-_12_[720p][5DDC1352].mkv", {"group": "t.3.3.d", "episode": 12}),
    ("Show Name S02e19 [Mux - H264 - Ita Aac] DLMux by UBi", {"group": "UBi", "episode": 19}),
    ("show.name.s02e01.720p.bluray.x264-grp.sample.mkv", {"group": "grp", "title_en": "show name"}),
    ("Film (2013) [WEBDL-1080p] [x264 AC3] [ENG+RU+PT] [NTb].mkv", {"group": "NTb", "title_en": "Film"}),
    ("Film.Name.2013.1080.x265-Ox.mkv", {"resolution": "1080p", "title_en": "Film Name"}),
    ("Show.Name.S01.720.x264-GRP.mkv", {"resolution": "720p", "batch": True, "episode": None}),
    ("[DB] Show Name [Dual Audio 10bit BD1080p][HEVC-x265]", {"resolution": "1080p", "source": "BD"}),
    # Traditional-script names: a season after `！` ends the Chinese name before `/` too
    (
        "[桜都字幕組] 為美好的世界獻上祝福！3 / Kono Subarashii Sekai ni Shukufuku wo! 3 [01][1080p]",
        {"title_zh": "為美好的世界獻上祝福！", "season": 3, "episode": 1},
    ),
    (
        "[豌豆字幕組&LoliHouse] 咒術迴戰 / Jujutsu Kaisen - 47 [WebRip 1080p HEVC-10bit AAC][簡繁外掛字幕]",
        {"title_zh": "咒術迴戰", "title_en": "Jujutsu Kaisen", "episode": 47, "sub": "CHS+CHT"},
    ),
    ("Film 2019 WEB Rip 720p", {"title_en": "Film", "source": "WebRip"}),
    ("Film (2019) [BluRay Rip 1080p ITA-ENG AC3 SUBS]", {"source": "BDRip", "resolution": "1080p"}),
    ("Film 2019 DVD-Rip", {"source": "DVDRip", "group": None}),
    # tags glued by dots to the last word of a spaced name
    (
        "Show.S01E16.Some Episode Title.HDTV.x264-GRP",
        {"title_en": "Show", "episode": 16, "source": "HDTV", "video": "AVC", "group": "GRP"},
    ),
    ("Some Film-2007-TRUEFRENCH-TVRip.Xvid-GRP.avi", {"title_en": "Some Film", "source": "TVRip"}),
    ("Film Trilogy (2001-2003) 1080p", {"title_en": "Film Trilogy", "episode": None, "year": 2001}),
    ("What.If...2010.1080p.WEB-DL.DDP2.0.H264.mkv", {"title_en": "What If...", "year": 2010}),
    ("tick.tick...BOOM.mp4", {"title_en": "tick tick...BOOM"}),
    ("Show.Name...S01E01.720p", {"title_en": "Show Name", "episode": 1}),
    ("[Group] Show Name - 05 (S3E05) [1080p]", {"title_en": "Show Name", "season": 3, "episode": 5}),
    ("[ www.Site.com ] - Show.Name.S01E05.720p", {"title_en": "Show Name", "episode": 5, "group": None}),
    # a fansub's disc release with no episode number is the whole series; a film is not a batch
    ("[Group] Show Name [BDRip 1080p HEVC]", {"episode": None, "batch": True}),
    ("[Group] Film Name (2019) [BDRip 1080p]", {"episode": None, "batch": False}),
    ("[Group] Film Name Movie [BDRip 1080p]", {"batch": False, "episode_type": "movie"}),
    # a sequel's number before the film's year is the title's; a zero-padded number is an episode
    ("Film Name 3 (2019) [1080p]", {"title_en": "Film Name 3", "episode": None, "year": 2019}),
    ("[Group] Show Name 03 (2019) [1080p]", {"title_en": "Show Name", "episode": 3}),
    # season and episode spellings of TV packs
    ("Show.Name.SE01EP05.720p", {"title_en": "Show Name", "season": 1, "episode": 5}),
    ("My Show - T02E22.mp4", {"title_en": "My Show", "season": 2, "episode": 22, "season_raw": "T02"}),
    ("Show.Name.S01E05.720p", {"season_raw": "S01"}),
    ("Show Name Episodes 1-4 720p", {"title_en": "Show Name", "episode": (1, 4), "batch": True}),
    ("Show Name Capítulo 12 [HDTV]", {"title_en": "Show Name", "episode": 12}),
    ("Die Serie 2. Staffel Folge 5", {"title_en": "Die Serie", "season": 2, "episode": 5}),
    ("Show Name Season 1 + 2 720p", {"title_en": "Show Name", "episode": None, "batch": True}),
    ("Show Name Parte 2 720p", {"episode": None}),
    ("Show Name Series 2 Episode 5", {"title_en": "Show Name", "season": 2, "episode": 5}),
    (
        "Show Name Complete Season 2 720p",
        {"title_en": "Show Name", "season": 2, "episode": None, "batch": True},
    ),
    (
        "Show Name The Complete Seasons 1 to 5 720p BluRay",
        {"title_en": "Show Name", "episode": None, "batch": True},
    ),
    ("Show Name Vol 1-3 720p", {"title_en": "Show Name", "episode": None}),
    # a title's own closing dot stays; a Roman season numeral after a Chinese name splits at `/`
    ("[LoliHouse] 某部番 / Busu ni Hanataba wo. - 01 [WebRip 1080p]", {"title_en": "Busu ni Hanataba wo."}),
    (
        "[某字幕组][某部番。 / 君は某様。 / Kimi wa Meido-sama.][07][1080P]",
        {"title_en": "Kimi wa Meido-sama."},
    ),
    (
        "【某字幕组】【在地下城寻求邂逅是否搞错了什么 V/DanMachi V】[07][1080P][MKV][繁体外挂]",
        {"title_zh": "在地下城寻求邂逅是否搞错了什么", "title_en": "DanMachi", "season": 5, "episode": 7},
    ),
    # a scene group whose name has a dash in it, or that follows a tag glued by a dash
    ("Some.Film.2011.1080p.BluRay.DTS.x264.D-Z0N3.mkv", {"group": "D-Z0N3", "title_en": "Some Film"}),
    ("Some.Film.2012.DVDRip.XviD.AC3.HQ.Hive-CM8.mp4", {"group": "Hive-CM8"}),
    ("Show.Name.S01E02.HDTV.XViD.Etc-Group", {"group": "Etc-Group", "episode": 2}),
    ("Some Film (The Film).PAL.Multi.DVD-R-KZ", {"group": "KZ", "source": "DVD"}),
    ("Show.Name.S01E01.720p.WEB-DL.x264-GRP", {"group": "GRP", "source": "WEB-DL"}),
    (
        "Show Name (2019) S01 (1080p BluRay x265 HEVC 10bit AAC 5.1 Encoder)",
        {"group": "Encoder", "batch": True},
    ),
    ("Show Name Ep01-Ep12", {"group": None, "episode": (1, 12)}),
    ("[Group] Show [WebRip 1080p ASSx2]", {"group": "Group"}),
    # words that end a Latin title: editions, volumes, OP/ED extras, notes, countries
    ("Some.Film.Extended.Edition.2001.1080p.BluRay.x264-GRP", {"title_en": "Some Film", "year": 2001}),
    ("Film Name Director Cut French 1080p DTS.mkv", {"title_en": "Film Name"}),
    ("Show Name - The Complete Series 1080p [HEVC AAC]", {"title_en": "Show Name", "batch": True}),
    ("Show.Name.vol.3.720p.x264-GRP.mkv", {"title_en": "Show Name"}),
    ("[Group] Show Name Vol.2 [BDRip 1080p]", {"title_en": "Show Name"}),
    ("[FFF] Show Name - OP02 [BD][1080p-FLAC][40D46701].mkv", {"title_en": "Show Name"}),
    ("[Coal]_Show_Name_OP4a_(1920x1080_Blu-ray_FLAC)_[AF4FF3CC].mkv", {"title_en": "Show Name"}),
    ("Film Name (Some Director - 1983) VF PAL x264 AAC.mkv", {"title_en": "Film Name", "year": 1983}),
    ("The Show (US) - S02E01 - HDTV-720p.mkv", {"title_en": "The Show", "season": 2}),
    ("The.Show.UK.S03E12.HDTV.x264-GRP", {"title_en": "The Show", "episode": 12}),
    ("Test.S01E16.Some Real Episode Title.HDTV.x264-GRP", {"title_en": "Test", "episode": 16}),
    # a dash glued to the cut-off tags is not the title's; a spaced-out name still splits
    ("Film-2014-French-mHD-1080p", {"title_en": "Film", "year": 2014}),
    ("Some.Film.2013.FRENCH.BRRIP XVID AC3-GRP", {"title_en": "Some Film", "source": "BDRip"}),
    # the episode's number, then the episode's own name, then the tags
    (
        "Lantern.Harbor.08.The.Long.Night.720p.BluRay.x264-KITE",
        {"title_en": "Lantern Harbor", "episode": 8, "group": "KITE"},
    ),
    ("Lantern Harbor 34 - The Long Night [ABCD1234].mkv", {"title_en": "Lantern Harbor", "episode": 34}),
    # ...but not a date's last part, nor a bare number inside a spaced name (a film's title)
    ("Lantern.Harbor.19.04.22.Guest.Name.720p", {"episode": None}),
    ("Some Film 13 Assassins [1080p]", {"title_en": "Some Film 13 Assassins", "episode": None}),
    # which season of how many is the season, not an episode
    (
        "Lantern.Harbor.Temporada.2.de.4.720p.WEB-DL",
        {"title_en": "Lantern Harbor", "season": 2, "episode": None, "batch": True},
    ),
    ("Lantern Harbor Season 3of5 2of9 HDTV", {"title_en": "Lantern Harbor", "season": 3, "episode": 2}),
    # a frame height that lost its `p`, among other tags
    ("[Kite].Lantern.Harbor.-.06.[720.Hi10p][ABCD1234]", {"resolution": "720p", "episode": 6}),
    ("[Kite] Lantern Harbor - 06 [1080 x264][ABCD1234]", {"resolution": "1080p", "episode": 6}),
    ("Some.Film.2013.1080-x264-GRP.mkv", {"resolution": "1080p", "title_en": "Some Film"}),
    ("[Kite] Lantern Harbor - 1080 [x264]", {"episode": 1080, "resolution": None}),
    # a season's discs, and a Roman season number after the season word: the whole season
    (
        "Lantern.Harbor.S04D2-3&5.NTSC.DVDR-GRP",
        {"title_en": "Lantern Harbor", "season": 4, "episode": None, "batch": True},
    ),
    ("Lantern Harbor Saison IV FRENCH BDRip", {"title_en": "Lantern Harbor", "season": 4, "batch": True}),
    ("Lantern Harbor Season in the Sun 720p", {"title_en": "Lantern Harbor Season in the Sun", "season": 1}),
    # a repeat sign that ends a title is the title's; a double bar between titles still splits
    ("[Kite] Lantern Harbor :|| - 03 [1080p]", {"title_en": "Lantern Harbor :||", "episode": 3}),
    ("[Kite] Lantern Harbor || 灯塔港 - 03 [1080p]", {"title_en": "Lantern Harbor", "title_zh": "灯塔港"}),
    # Russian and Ukrainian trackers' season and episode words; the Latin name is title_en
    (
        "Маяк / Lantern Harbor / Сезон: 1 / Серии: 1-8 из 8 [2019, WEB-DL 1080p]",
        {"title_en": "Lantern Harbor", "season": 1, "episode": (1, 8), "batch": True},
    ),
    ("Lantern Harbor 2 сезон 24 серия 1080p", {"title_en": "Lantern Harbor", "season": 2, "episode": 24}),
    ("Lantern Harbor (Сезон 1-3) 1080p", {"title_en": "Lantern Harbor", "season": 1, "batch": True}),
    ("Lantern Harbor Серія 5 з 10", {"title_en": "Lantern Harbor", "episode": 5}),
    # lists of seasons, `Sn4`, an episode's part letter or glued name
    ("Lantern Harbor Season 1, 2 & 3 720p", {"title_en": "Lantern Harbor", "episode": None, "batch": True}),
    ("Lantern Harbor Sn4 Ep14 HD-TV", {"title_en": "Lantern Harbor", "season": 4, "episode": 14}),
    ("Lantern Harbor S10E01b Part 2 1080p", {"title_en": "Lantern Harbor", "season": 10, "episode": 1}),
    ("Lantern_Harbor_S03E02Le titre.mkv", {"title_en": "Lantern Harbor", "season": 3, "episode": 2}),
    ("[Kite] Lantern_Harbor_05_[720p]", {"title_en": "Lantern Harbor", "episode": 5}),
    # two zero-padded numbers of one width around a dash are a range
    ("Lantern Harbor 01 - 12 Season 1 Complete [720p]", {"title_en": "Lantern Harbor", "episode": (1, 12)}),
    ("Lantern Harbor 3 - 05 [1080p]", {"title_en": "Lantern Harbor 3", "episode": 5}),
    # pack words end the title; `Full HD` is a resolution
    ("Lantern Harbor Full Season 720p", {"title_en": "Lantern Harbor", "batch": True}),
    ("Lantern Harbor All Episodes 720p", {"title_en": "Lantern Harbor", "batch": True}),
    ("Lantern Harbor Box Set 720p", {"title_en": "Lantern Harbor", "batch": True}),
    ("Lantern Harbor 2019 Full HD", {"title_en": "Lantern Harbor", "resolution": "1080p"}),
    # a whole scene name inside one bracket: the bracket is no group
    (
        "[ Lantern Harbor S03E04 1080p WEB-DL x264-KITE ]",
        {"title_en": "Lantern Harbor", "group": "KITE", "season": 3, "episode": 4},
    ),
    # a season restated in a note after the episode
    ("[某字幕组] 灯塔港 - 03（第四季 S4）[1080p]", {"title_zh": "灯塔港", "season": 4, "episode": 3}),
    ("[某字幕组] 灯塔港 - 03 [S2][1080p]", {"title_zh": "灯塔港", "season": 2, "episode": 3}),
    # after an ordinal season the number is the episode
    ("Lantern Harbor 3rd Season 05 [720p]", {"title_en": "Lantern Harbor", "season": 3, "episode": 5}),
    ("Lantern Harbor Season 05 [720p]", {"season": 5, "episode": None, "batch": True}),
    # `2期` with no episode is the whole season
    ("Lantern Harbor 2期.mkv", {"season": 2, "episode": None, "batch": True}),
    # a tag spelt with a dash among dash-joined tags; a disc named by its capacity
    ("Lantern Harbor (1997) X264-Dvd-Rip-480p-AAC-GRP", {"source": "DVDRip", "group": "GRP"}),
    ("Lantern.Harbor.2010.1080p.BD25.DTS-HD", {"source": "BD", "resolution": "1080p"}),
]


@pytest.mark.parametrize(("title", "want"), CASES, ids=[c[0][:60] for c in CASES])
def test_shape(title: str, want: dict[str, Any]) -> None:
    parsed = parse_title(title)
    assert parsed is not None, title
    got = {k: getattr(parsed, k) for k in want}
    assert got == want, title


@pytest.mark.parametrize("title", [c[0] for c in CASES])
def test_explain_spans_are_exact(title: str) -> None:
    spans = explain(title)
    for span in spans:
        assert title[span["start"] : span["end"]] == span["text"]


def test_explain_covers_every_field_on_the_corpus() -> None:
    """Over every corpus title: each span's text is the title's own text at its offsets (code
    points), and each field the parse fills came from at least one span."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
    from corpus_score import load

    spanned = ("group", "title_zh", "title_en", "title_jp", "episode", "resolution", "source")
    spanned += ("platform", "sub", "video", "audio", "crc32", "year")
    missing: list[tuple[str, str]] = []
    for row in load():
        title = row["title"]
        spans = explain(title)
        assert all(title[s["start"] : s["end"]] == s["text"] for s in spans), title
        parsed = parse_title(title)
        if parsed is None:
            continue
        have = {s["field"] for s in spans}
        values = parsed.to_dict()
        missing += [(f, title) for f in spanned if values[f] is not None and f not in have]
        if parsed.season != 1 and "season" not in have:
            missing.append(("season", title))
    assert missing == []


def test_explain_offsets_count_code_points() -> None:
    title = "[𝔊𝔯𝔬𝔲𝔭] 标题 / Title - 03 [1080p]"  # astral letters in the group: one index each
    spans = {s["field"]: s for s in explain(title)}
    assert spans["group"]["start"] == 1 and spans["group"]["text"] == "𝔊𝔯𝔬𝔲𝔭"
    assert title[spans["episode"]["start"] : spans["episode"]["end"]] == spans["episode"]["text"]
    assert spans["title_en"]["text"] == "Title"
