"""Katakana (a reading, as SudachiPy gives it) to ASCII Hepburn romaji: コンテナ → kontena.

Long vowels are written twice (チュウモク → chuumoku, ツール → tsuuru), ッ doubles the next consonant
(ch → tch), ン is n. Hiragana is read as katakana. Anything else is dropped.
"""

from __future__ import annotations

_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
    "ャ": "ya", "ュ": "yu", "ョ": "yo", "ヮ": "wa", "ヵ": "ka", "ヶ": "ke",
}  # fmt: skip
#: Two kana read as one sound: a consonant kana followed by a small ャュョ or ァィゥェォ.
_PAIRS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "シャ": "sha", "シュ": "shu", "ショ": "sho", "ジャ": "ja", "ジュ": "ju", "ジョ": "jo",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "ヂャ": "ja", "ヂュ": "ju", "ヂョ": "jo",
    "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo", "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo",
    "ビャ": "bya", "ビュ": "byu", "ビョ": "byo", "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo",
    "ミャ": "mya", "ミュ": "myu", "ミョ": "myo", "リャ": "rya", "リュ": "ryu", "リョ": "ryo",
    "シェ": "she", "ジェ": "je", "チェ": "che", "ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du",
    "デュ": "dyu", "テュ": "tyu", "ツァ": "tsa", "ツェ": "tse", "ツォ": "tso",
    "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "フュ": "fyu",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo",
    "イェ": "ye", "クァ": "kwa", "グァ": "gwa",
}  # fmt: skip
_HIRAGANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}  # ぁ..ゖ → ァ..ヶ


def to_katakana(text: str) -> str:
    return text.translate(_HIRAGANA)


def romanize(reading: str) -> str:
    """ASCII romaji of a katakana (or hiragana) reading; characters that are not kana are dropped."""
    kana = to_katakana(reading)
    out: list[str] = []
    double = False  # after ッ
    i = 0
    while i < len(kana):
        pair = kana[i : i + 2]
        if pair in _PAIRS:
            syllable, i = _PAIRS[pair], i + 2
        elif kana[i] in _BASE:
            syllable, i = _BASE[kana[i]], i + 1
        elif kana[i] == "ッ":
            double, i = True, i + 1
            continue
        elif kana[i] == "ー":
            previous = "".join(out)
            if previous and previous[-1] in "aeiou":
                out.append(previous[-1])
            i += 1
            continue
        else:
            i += 1
            double = False
            continue
        if double:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double = False
        out.append(syllable)
    return "".join(out)
