"""What a file really is, whatever its name says, and how its text is encoded."""

from __future__ import annotations

import codecs
import re
import zipfile
from functools import cache
from io import BytesIO

FORMATS = ("txt", "md", "html", "docx", "pdf")
EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".htm": "html", ".html": "html",
              ".shtml": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}

_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|table|div|p)\b",
                         re.I | re.S)
_HTML_ANY = re.compile(rb"<(html|body|table|div|p|br|span|td)\b[^>]*>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_ENC = re.compile(rb"""^<\?xml[^>]+encoding=["']([A-Za-z0-9_\-]+)""", re.I)


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of `data`: pdf, docx, html, md, txt, or `binary` for anything else."""
    head = data[:4096]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "binary"
        if "word/document.xml" in names:
            return "docx"
        return "binary"
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: .doc, .xls, .wps
        return "binary"
    if _looks_binary(head):
        return "binary"
    text_head = head.lstrip(codecs.BOM_UTF8)
    if _HTML_START.search(text_head):
        return "html"
    if suffix.lower() in (".md", ".markdown"):
        return "md"  # Markdown may hold raw HTML tables: still Markdown
    if len(_HTML_ANY.findall(data[:65536])) >= 3:
        return "html"
    if re.search(rb"^\|.*\|\s*$", data[:200000], re.M) and re.search(rb"^\|\s*:?-{3,}", data[:200000], re.M):
        return "md"
    return "txt"


_CTRL = bytes([*range(9), *range(14, 32)])


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    ctrl = len(head) - len(head.translate(None, _CTRL))  # bytes < 9 or 14..31, counted in C
    return ctrl > len(head) * 0.05


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decodes text bytes; returns (text, encoding). Never garbles silently: tries strict decoders
    in a sensible order and falls back to a lossy decode only as the last resort."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    tried: list[str] = []
    order = []
    if declared:
        d = _canonical(declared)
        if d:
            order.append(d)
    order += ["utf-8", "gb18030"]
    for enc in order:
        if enc in tried:
            continue
        tried.append(enc)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc == "gb18030" and not _plausible_chinese(text):
            continue
        fixed = unmojibake(text)
        if fixed is not None:
            return fixed[0], f"{fixed[1]}{REPAIRED}"
        return text, enc
    lossy = _tolerant(data, order)
    if lossy is not None:
        return lossy
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best), best.encoding
    except Exception:  # pragma: no cover - defensive: a detector must never crash a read
        pass
    return data.decode("utf-8", errors="replace"), "utf-8?"


def _tolerant(data: bytes, order: list[str]) -> tuple[str, str] | None:
    """A text in one of `order`'s encodings with a few bytes that do not decode (a damaged byte, a
    last character cut in half): decided on the whole file, by the decoder that loses least; the
    lost bytes become U+FFFD and the encoding says how many (`LOSSY`). None when every candidate
    loses more than a few bytes in a thousand characters."""
    best: tuple[int, str, str] | None = None
    for enc in dict.fromkeys(order):
        try:
            text = data.decode(enc, errors="replace")
        except LookupError:
            continue
        bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # real U+FFFD in UTF-8
        if enc == "gb18030" and not _plausible_chinese(text):
            continue
        if best is None or bad < best[0]:
            best = (bad, text, enc)
    if best is None:
        return None
    bad, text, enc = best
    if bad <= max(8, len(text) // 1000):
        return text, f"{enc}{LOSSY.format(n=max(bad, 1))}"
    return None


#: appended to the encoding of a text decoded with a few undecodable bytes replaced
LOSSY = "（{n}处字节无法解码）"
LOSSY_MARK = "处字节无法解码"
REPAIRED = "（乱码已还原）"  # appended to the encoding of a text repaired by `unmojibake`
MOJIBAKE_NOTE = "文件是中文被误按Latin-1/Windows-1252读出后另存的乱码，已还原为中文（个别字符可能已丢失）。"
_LATIN = re.compile(r"[\u0080-\u00ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def unmojibake(text: str) -> tuple[str, str] | None:
    """A Chinese text a converter read in the wrong encoding and saved again (GBK or UTF-8 bytes
    taken for Latin-1/Windows-1252: “Õþ¸®ÐÅÏ¢” for 政府信息): (the text restored, its real
    encoding), or None when the text is not such mojibake."""
    sample = text[:20000]
    if not _LATIN.search(sample):
        return None
    latin = len(_LATIN.findall(sample))
    if latin < 40 or len(_HAN.findall(sample)) * 4 > latin:
        return None
    try:  # each character back to the byte it was read from (Latin-1, or Windows-1252's extras)
        raw = bytes(ord(ch) if ord(ch) < 256 else _CP1252_BYTE[ch] for ch in text)
    except KeyError:
        return None
    for real in ("utf-8", "gb18030"):
        # a converter may have changed a byte on the way (a GBK trail byte 0xA0 read as a no-break
        # space and saved as a space): a few characters lost, the rest restored
        fixed = raw.decode(real, errors="replace")
        han = len(_HAN.findall(fixed[:20000]))
        if han * 4 > latin and fixed.count("\ufffd") <= max(3, han // 50) and _plausible_chinese(fixed):
            return fixed, real
    return None


_CP1252_BYTE = {bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _canonical(name: str) -> str | None:
    n = name.strip().lower().replace("_", "-")
    if n in ("gb2312", "gbk", "gb-2312", "x-gbk", "cp936", "gb18030", "euc-cn"):
        return "gb18030"  # a superset: GBK pages often use characters outside GB2312
    if n in ("utf8", "utf-8"):
        return "utf-8"
    try:
        return codecs.lookup(n).name
    except LookupError:
        return None


def _plausible_chinese(text: str) -> bool:
    """gb18030 decodes almost any byte string; accept it only if it yields common Chinese."""
    sample = text[:20000]
    han = len(_HAN.findall(sample))  # counted in C: a loop over 20,000 characters cost a millisecond
    if not han:
        return True
    rare = han - len(_common_rx().findall(sample))  # every common character is a Han character
    return rare < han * 0.5


@cache
def _common_rx() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(_COMMON)) + "]")


def declared_charset(data: bytes) -> str | None:
    m = _XML_ENC.search(data[:200]) or _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "ignore") if m else None


# characters frequent in these reports; used only to reject a wrong gb18030 decode
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    "十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形"
    "相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展"
    "五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战"
    "先回则任取据处府研质信息申请依予收费开结转办理复议诉讼报告况据规章范许可处罚强制审督保障平台培训网站政务公开单位共计"
)
