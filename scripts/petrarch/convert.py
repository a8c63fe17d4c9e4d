"""Turn the PETRARCH2 coding dictionaries (MIT licence) into accord data files.

Usage:
    python scripts/petrarch/convert.py /work/shared/vendor/petrarch2 [--out DIR]

Reads the vendored PETRARCH2 files (CAMEO.2.0.txt, Phoenix.agents.txt, Phoenix.discards.txt and
the three Phoenix actor files) together with accord's own curated data (cameo.csv for the CAMEO to
PLOVER table, agents.csv and the people_*.csv files so nothing accord already knows is repeated, the
hand-kept list lexicons/p2_generic_verbs.txt) and writes, under DIR (the repository root unless
--out names another folder, which the sync test uses):

    src/accord/data/rules/petrarch_verbs.csv      verb trigger rows in the verbs.csv format + id, origin
    src/accord/data/lexicons/p2_<set>.txt         the &SET word lists the rows refer to as @p2_<set>
    src/accord/data/lexicons/discards.txt         phrases whose sentences are not coded
    src/accord/data/actors/agents_petrarch.csv    generic agent nouns accord's agents.csv lacks
    src/accord/data/actors/people_petrarch.csv    people with dated roles accord's files lack
    src/accord/data/rules/PETRARCH_CONVERSION.md  what was kept, what was dropped and why, counted
    src/accord/data/NOTICE-petrarch2.txt          the PETRARCH2 licence and what derives from it

Standard library only; the output depends on nothing but the inputs (no dates, no hashing order),
so running it twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "src" / "accord" / "data"

VERB_FILE = "CAMEO.2.0.txt"
AGENT_FILE = "Phoenix.agents.txt"
DISCARD_FILE = "Phoenix.discards.txt"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")

OUT_VERBS = "src/accord/data/rules/petrarch_verbs.csv"
OUT_REPORT = "src/accord/data/rules/PETRARCH_CONVERSION.md"
OUT_NOTICE = "src/accord/data/NOTICE-petrarch2.txt"
OUT_LEXICONS = "src/accord/data/lexicons"
OUT_DISCARDS = "src/accord/data/lexicons/discards.txt"
OUT_AGENTS = "src/accord/data/actors/agents_petrarch.csv"
OUT_PEOPLE = "src/accord/data/actors/people_petrarch.csv"
GENERIC_VERBS = DATA / "lexicons" / "p2_generic_verbs.txt"
DISCARDS_KEPT_OUT = DATA / "lexicons" / "petrarch_discards_kept_out.txt"  # hand-kept: phrases of political news too

CONF_BARE, CONF_WORD, CONF_PREP = "0.55", "0.65", "0.6"

# Second words of PETRARCH's two-word verbs. Adverbial particles become a `prt:` cue; words that
# are prepositions (spaCy may attach them as prep or prt, and a `prep:` cue accepts both) become
# `prep:`; any other word is the verb's object ("wage war", "take note").
PARTICLES = frozenset("up down off out away back forward forth together aside apart behind".split())
PREPOSITIONS = frozenset(
    "about across after against along among around as at before behind below beneath beside between "
    "beyond by during for from in inside into like near of on onto outside over past since through throughout "
    "to toward towards under until upon with within without".split())
# Plural-looking words that are not the plural of a shorter word.
NOT_PLURAL = frozenset("news series species means politics economics headquarters whereabouts arms bias".split())
BE_FORMS = frozenset("be is are was were am been being".split())
# Words after the verb that are no object: an adverb or conjunction left from TABARI's linear patterns.
NOT_OBJECTS = frozenset("if that whether and or not than so then also very".split())

CLIP_END = "2015-12-31"  # the Phoenix actor files stop being maintained around 2015
# Roles that ended before this date are left out (load time: see CORE_PORTFOLIOS).
KEEP_FROM = "2005-01-01"
# Phoenix sector codes (the three letters after a country code) -> accord sector. Codes missing
# here have no accord sector (ELI: elite/former official, HRI, NGO, religious identity, ...).
PERSON_SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "OPP": "OPP", "REB": "REB",
    "PTY": "PTY", "SPY": "GOV",
}
# Government roles kept: heads and ministers without a portfolio code, defence, interior, justice
# and intelligence. The other portfolios (economy, agriculture, media, health, ...) are left out:
# with them the file holds about 15,000 people and the knowledge base takes half a second more
# to load.
CORE_PORTFOLIOS = frozenset({"", "MIL", "COP", "JUD", "SPY"})
# Other CAMEO sector codes (no accord sector): roles with these are dropped and counted.
CAMEO_SECTORS = frozenset("ELI BUS MED EDU LAB REL CVL AGR REF RAD HRI NGO NGM UAF CRM HLH ENV DEV MNC IGO SPY "
                          "MUS CHR JEW HIN BUD SET UIS IMG INS AMN".split())
# Portfolio (second sector code under GOV) -> the title a government role gets.
PORTFOLIO_TITLES = {
    "": "government official", "MIL": "defence official", "BUS": "economy official",
    "AGR": "agriculture official", "MED": "information official", "EDU": "education official",
    "HLH": "health official", "DEV": "development official", "JUD": "justice official",
    "LAB": "labour official", "ENV": "environment official", "HRI": "human rights official",
    "LEG": "government official", "REL": "religious affairs official", "COP": "interior official",
    "REF": "refugee affairs official", "SPY": "intelligence official",
}
SECTOR_TITLES = {
    "MIL": "military officer", "COP": "police official", "JUD": "judicial official", "LEG": "legislator",
    "OPP": "opposition politician", "REB": "rebel leader", "PTY": "party official",
}
# CAMEO country codes that differ from the ISO codes accord uses.
COUNTRY_ALIASES = {"TMP": "TLS", "KSV": "XKX"}
# Phoenix IGO codes (after "IGO") -> accord organisation id. Longest prefix wins.
IGO_ORGS = {
    "UNO": "un", "UNOIAE": "iaea", "UNOHLHWHO": "who", "UNOKID": "unicef", "UNOLABILO": "ilo",
    "UNODEVWBK": "world_bank", "UNOWBK": "world_bank", "UNOREFHCR": "unhcr", "UNOHRIHCH": "ohchr",
    "UNOJUDICJ": "icj", "UNOFAO": "fao", "UNOWFP": "wfp", "UNODEVUNP": "undp", "BUSIMF": "imf",
    "WSTNAT": "nato", "EUREEC": "eu", "EURDEVEBR": "ebrd", "EAFEAC": "eac", "BUSOPC": "opec",
    "AFRAFU": "au", "ARBALL": "arab_league", "SEAASN": "asean", "WAFECO": "ecowas", "BUSWTO": "wto",
    "EUROSC": "osce", "EURCOE": "council_of_europe", "GCC": "gcc", "MEAGCC": "gcc",
}
# Phoenix agent sector codes -> accord sector (agents.csv). UAF (unaffiliated armed groups:
# gunmen, militias) are what accord calls REB; SPY agencies are government.
AGENT_SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "BUS": "BUS", "CVL": "CVL", "JUD": "JUD",
    "COP": "COP", "MED": "MED", "LEG": "LEG", "EDU": "EDU", "AGR": "AGR", "LAB": "LAB", "REL": "REL",
    "REF": "REF", "PTY": "PTY", "RAD": "RAD", "UAF": "REB", "SPY": "GOV", "PPL": "CVL",
}
FAMILY_NAME_FIRST = {"CHN", "PRK", "KOR", "TWN", "VNM", "KHM", "HKG", "MNG"}  # as accord's kb.py


# ----------------------------------------------------------------------------- small helpers
def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def csv_rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def write_csv(header: list[str], rows: list[list[str]], comment: str = "") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    if comment:
        buf.write(f"# {comment}\n")
    w.writerows(rows)
    return buf.getvalue()


def word_list(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        w = line.split("#", 1)[0].strip().lower()
        if w:
            out.append(w)
    return out


def singular(word: str) -> str:
    if word in NOT_PLURAL or len(word) < 4:
        return word
    if word.endswith("ies"):
        return word[:-1] if len(word) <= 5 else word[:-3] + "y"  # ties -> tie, parties -> party
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def agent_plural(word: str) -> str:
    """A regular plural as PETRARCH makes it, with the -man/-child/-person nouns it lists apart."""
    for sing, plur in (("man", "men"), ("child", "children"), ("person", "people")):
        if word.endswith(sing):
            return word[: -len(sing)] + plur
    return plural(word)


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def name_key(text: str) -> str:
    """Names compared loosely: no accents, case, dots, hyphens or apostrophes."""
    t = ascii_fold(text).lower().replace("-", " ").replace(".", " ").replace("'", "").replace("\u2019", "")
    t = " ".join(t.split())
    return t[4:] if t.startswith("the ") else t


# ----------------------------------------------------------------------------- verbs
@dataclass
class Verb:
    lemma: str
    line: int
    code: str  # the verb-level code, "---" when the bare verb is no event
    cue: str = ""  # for two-word verbs: prt:X | prep:X | obj:X
    skip: str = ""  # why the verb cannot be expressed at all
    forms: tuple[str, ...] = ()  # irregular forms given in {...}


@dataclass
class Block:
    name: str
    line: int
    code: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Row:
    lemma: str
    cue: str
    key: str  # lemma + cue kind + main value: rows with equal keys compete
    cameo: str
    targets: str
    conf: str
    origin: int
    slug: str


class VerbConverter:
    def __init__(self, vendor: Path, cameo: dict[str, str], generic: set[str]) -> None:
        self.lines = read_lines(vendor / VERB_FILE)
        self.cameo = cameo  # code -> PLOVER type ("" for none)
        self.generic = generic
        self.sets: dict[str, tuple[int, list[str]]] = {}  # NAME -> (line, entries as written)
        self.blocks: list[Block] = []
        self.transformations = 0
        self.pattern_skips: Counter[str] = Counter()
        self.verb_skips: Counter[str] = Counter()
        self.row_drops: Counter[str] = Counter()
        self.patterns_total = 0
        self.patterns_used = 0
        self.used_sets: dict[str, int] = {}
        self.set_multiword: Counter[str] = Counter()
        self.irregular: dict[str, str] = {}

    # -------------------------------------------------------------- reading
    def parse(self) -> None:
        in_patterns = False
        current_set = ""
        block: Block | None = None
        for n, raw in enumerate(self.lines, start=1):
            line = raw.rstrip()
            if line.startswith("####### VERB PATTERNS"):
                in_patterns = True
                continue
            if not line.strip() or line.startswith("#"):
                continue
            if not in_patterns:
                text = line.split("#", 1)[0].strip()
                if text.startswith("&"):
                    current_set = text[1:]
                    self.sets[current_set] = (n, [])
                elif text.startswith("+") and current_set:
                    self.sets[current_set][1].append(text[1:])
                continue
            if line.startswith("~"):
                self.transformations += 1
            elif line.startswith("---"):
                m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
                block = Block(m.group(1) if m else line, n, (m.group(2) if m else "---").strip())
                self.blocks.append(block)
            elif line.startswith("-"):
                if block is not None:
                    block.patterns.append((n, line))
            elif block is not None:
                self._verb_line(block, n, line)
        heads = {v.lemma for b in self.blocks for v in b.verbs if not v.cue and not v.skip and not v.forms}
        for b in self.blocks:  # a verb line that is an inflected form of another verb becomes that lemma
            for v in b.verbs:
                if v.skip or v.forms:
                    continue
                v.lemma = self._lemma(v.lemma, heads)  # ANGERED_BY -> anger + prep:by
                if v.lemma in BE_FORMS:
                    v.skip = "a form of 'be' (IS_DETERMINED)"

    def _lemma(self, word: str, heads: set[str]) -> str:
        if word in self.irregular and self.irregular[word] != word:
            return self.irregular[word]
        cands = []
        if word.endswith("ied"):
            cands.append(word[:-3] + "y")
        for suffix in ("ing", "ed"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                base = word[: -len(suffix)]
                cands += [base, base + "e"] + ([base[:-1]] if base[-1:] == base[-2:-1] else [])
        if word.endswith(("iven", "aken", "oken")):
            cands.append(word[:-1])
        if word.endswith("rnt"):
            cands.append(word[:-1])
        if word.endswith("ave"):
            cands.append(word[:-3] + "ive")
        return next((c for c in cands if c in heads and c != word), word)

    def _verb_line(self, block: Block, n: int, line: str) -> None:
        text = line.split("#", 1)[0].strip()
        if not text:
            return
        code = block.code
        m = re.search(r"\[([^\]]*)\]\s*$", text)
        if m:
            code = m.group(1).strip()
            text = text[: m.start()].strip()
        forms: list[str] = []
        m = re.search(r"\{([^}]*)\}", text)
        if m:
            forms = m.group(1).split()
            text = (text[: m.start()] + text[m.end():]).strip()
        head = text.split()[0] if text.split() else ""
        if not head:
            return
        if "_" not in head and "+" not in head:
            lemma = head.lower()
            verb = Verb(lemma, n, code, forms=tuple(f.lower() for f in forms))
            if not lemma.isalpha():
                verb.skip = "verb with punctuation or digits"
            for f in forms:
                if f.isalpha():
                    self.irregular[f.lower()] = lemma
            block.verbs.append(verb)
            return
        parts = head.split("_")
        marked = [i for i, p in enumerate(parts) if p.startswith("+")]
        idx = marked[0] if marked else 0
        parts = [p.lstrip("+").lower() for p in parts]
        parts = [p for p in parts if p]
        verb = Verb(parts[min(idx, len(parts) - 1)], n, code)
        if idx > 0:
            verb.skip = "word before the verb (e.g. WIRE_+TAP)"
        elif len(parts) != 2:
            verb.skip = "verb phrase of three or more words"
        elif parts[1] in ("and", "or"):
            verb.skip = "two coordinated verbs (KILLED_AND ...)"
        elif not all(p.isalpha() for p in parts):
            verb.skip = "verb with punctuation or digits"
        else:
            second = parts[1]
            if second in PARTICLES:
                verb.cue = f"prt:{second}"
            elif second in PREPOSITIONS:
                verb.cue = f"prep:{second}"
            else:
                verb.cue = f"obj:{second}"
        block.verbs.append(verb)

    # -------------------------------------------------------------- patterns
    def _code(self, raw: str) -> tuple[str, str]:
        """(CAMEO code, "") or ("", reason)."""
        active = raw.split(":", 1)[0].strip()
        if raw.startswith(":"):
            return "", "passive-only code [:X] (the subject is the one acted on)"
        if active == "---":
            return "", "null code [---] (PETRARCH uses it to block coding)"
        if not active.isdigit():
            return "", "malformed code"
        if active not in self.cameo:
            return "", "CAMEO code not in accord's cameo.csv"
        if not self.cameo[active]:
            return "", "CAMEO 01x: no PLOVER type in cameo.csv"
        return active, ""

    @staticmethod
    def _tokens(text: str) -> list[object]:
        """Post-verb part of a pattern as a list of items: str (a word, &SET or marker),
        ('{}', [words]) for a noun phrase and ('()', prep, [items]) for a prepositional phrase."""
        toks = text.split()
        items: list[object] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.startswith("("):
                group = [t]
                while not group[-1].endswith(")") and i + 1 < len(toks):
                    i += 1
                    group.append(toks[i])
                words = " ".join(group)[1:].rstrip(")").split()
                prep = words[0] if words else ""
                inner = VerbConverter._tokens(" ".join(words[1:]))
                items.append(("()", prep, inner))
            elif t.startswith("{"):
                group = [t]
                while not group[-1].endswith("}") and i + 1 < len(toks):
                    i += 1
                    group.append(toks[i])
                items.append(("{}", " ".join(group)[1:].rstrip("}").split()))
            else:
                items.append(t)
            i += 1
        return items

    def _pattern(self, line: str) -> tuple[dict[str, str] | None, str]:
        """A pattern line -> ({kind, value, targets, cameo}, "") or (None, reason)."""
        text = line[1:].split("#", 1)[0]
        m = re.search(r"\[([^\]]*)\]\s*$", text.rstrip())
        if not m:
            return None, "malformed pattern"
        raw_code = m.group(1).strip()
        body = text[: m.start()]
        if raw_code.split(":", 1)[0].strip() == "---":
            return None, "null code [---] (PETRARCH uses it to block coding)"
        if "*" not in body:
            return None, "malformed pattern"
        pre, post = body.split("*", 1)
        if pre.split():
            return None, "constraint on the subject side (words, $, + or % before the verb)"
        items = self._tokens(post)
        nouns: list[object] = []
        preps: list[tuple[str, list[object]]] = []
        plus_top = False
        for it in items:
            if isinstance(it, tuple) and it[0] == "()":
                preps.append((it[1], it[2]))
            elif it == "+":
                plus_top = True  # the direct object is the target: accord's default
            else:
                nouns.append(it)
        flat = [x for x in items if isinstance(x, str)] + [
            y for p in preps for y in p[1] if isinstance(y, str)]
        if "$" in flat:
            return None, "source marked after the verb ($)"
        if any(isinstance(x, tuple) and x[0] == "{}" for x in nouns):
            return None, "multi-word object phrase ({...})"
        if len(nouns) > 1:
            return None, "two or more words after the verb"
        if any(x in ("^", "%") for x in nouns):
            return None, "wildcard or compound marker after the verb (^, %)"
        targets: list[str] = []
        bare_preps: list[str] = []
        for prep, inner in preps:
            prep_l = prep.lower()
            if not prep_l.isalpha():
                return None, "malformed pattern"
            rest = [x for x in inner if x != "^"]
            if any(x != "+" for x in rest):
                return None, "word inside a prepositional phrase"
            if "+" in rest:
                targets.append(prep_l)
            else:
                bare_preps.append(prep_l)
        out = {"targets": "|".join(dict.fromkeys(targets))}
        if nouns:
            word = str(nouns[0])
            if bare_preps:
                return None, "object and preposition both required"
            if word.startswith("&"):
                name = word[1:]
                if name not in self.sets:
                    return None, "undefined &SET"
                out.update(kind="set", value=name)
            else:
                w = word.lower()
                if not w.isalpha():
                    return None, "object word spaCy would split (hyphen, apostrophe, digit)"
                if w in NOT_OBJECTS or (w.endswith("ly") and len(w) > 4):
                    return None, "adverb or conjunction after the verb"
                if w in PREPOSITIONS and w not in PARTICLES:
                    if targets and targets != [w]:
                        return None, "two or more prepositional phrases"
                    out.update(kind="prep", value=w)  # TABARI-style "* WITH +": the preposition, unbracketed
                    if plus_top:
                        out["targets"] = w
                else:
                    out.update(kind="prt" if w in PARTICLES else "obj", value=w)
        else:
            all_preps = list(dict.fromkeys(bare_preps + targets))
            if not all_preps:
                return None, "no word constraint (the verb's own code applies)"
            if len(all_preps) > 1:
                return None, "two or more prepositional phrases"
            value = all_preps[0]
            if value not in PREPOSITIONS:
                if value not in PARTICLES:
                    return None, "bracketed word that is no preposition"
                out.update(kind="prt", value=value)  # "(OUT)": an adverbial particle
            else:
                out.update(kind="prep", value=value)
        code, why = self._code(raw_code)
        if why:
            return None, why
        out["cameo"] = code
        return out, ""

    # -------------------------------------------------------------- rows
    def rows(self) -> list[Row]:
        self.parse()
        owner: dict[str, int] = {}
        candidates: list[Row] = []
        for bi, block in enumerate(self.blocks):
            singles: list[str] = []
            for v in block.verbs:
                if v.skip:
                    self.verb_skips[v.skip] += 1
                    continue
                own = (v.lemma, v.cue)
                if owner.setdefault(f"{v.lemma}|{v.cue}", bi) != bi:
                    self.verb_skips["verb already listed in an earlier block (PETRARCH keeps the first)"] += 1
                    continue
                if not v.cue and v.lemma not in singles:
                    singles.append(v.lemma)
                if v.code.split(":", 1)[0].strip() == "---" and not v.cue:
                    continue  # the bare verb is no event: patterns only
                code, why = self._code(v.code)
                if why:
                    self.verb_skips[why] += 1
                    continue
                if not v.cue and v.lemma in self.generic:
                    self.row_drops["bare row of a generic verb (p2_generic_verbs.txt)"] += 1
                    continue
                kind, _, value = v.cue.partition(":")
                conf = CONF_BARE if not kind else (CONF_PREP if kind == "prep" else CONF_WORD)
                cue = v.cue
                if kind == "obj":
                    cue = "obj:" + "|".join(dict.fromkeys([singular(value), value]))
                    value = singular(value)
                candidates.append(Row(own[0], cue, f"{v.lemma}|{kind}|{value}", code, "", conf, v.line,
                                      f"{kind}-{value}" if kind else ""))
            for n, line in block.patterns:
                self.patterns_total += 1
                pat, why = self._pattern(line)
                if pat is None:
                    self.pattern_skips[why] += 1
                    continue
                if not singles:
                    self.pattern_skips["block without a one-word verb"] += 1
                    continue
                self.patterns_used += 1
                kind, value = pat["kind"], pat["value"]
                if kind == "set":
                    self.used_sets.setdefault(value, 0)
                    cue, key_kind, slug = f"obj:@p2_{value.lower()}", "obj", f"obj-set-{value.lower()}"
                    conf = CONF_WORD
                elif kind == "obj":
                    sing = singular(value)
                    cue = "obj:" + "|".join(dict.fromkeys([sing, value]))
                    key_kind, slug, value, conf = "obj", f"obj-{sing}", sing, CONF_WORD
                elif kind == "prt":
                    cue, key_kind, slug, conf = f"prt:{value}", "prt", f"prt-{value}", CONF_WORD
                else:
                    cue, key_kind, slug, conf = f"prep:{value}", "prep", f"prep-{value}", CONF_PREP
                for lemma in singles:
                    candidates.append(Row(lemma, cue, f"{lemma}|{key_kind}|{value.lower()}", pat["cameo"],
                                          pat["targets"], conf, n, slug))
        # Equal keys: PETRARCH's trie keeps the last pattern written for the same words; a
        # verb-level row (cue from a two-word verb) gives way to a pattern with the same cue.
        last: dict[str, Row] = {}
        for r in candidates:
            if r.key in last:
                same = (last[r.key].cameo, last[r.key].targets) == (r.cameo, r.targets)
                self.row_drops["same verb and cue as another row (identical)" if same else
                               "same verb and cue as a later pattern (PETRARCH keeps the last)"] += 1
            last[r.key] = r
        kept = sorted(last.values(), key=lambda r: (r.origin, r.lemma))
        return kept

    def set_words(self, name: str) -> tuple[int, list[str]]:
        line, entries = self.sets[name]
        words: list[str] = []
        for e in entries:
            w = e.rstrip("_").lower()
            if "_" in w or " " in w or not w.replace("'", "").isalpha() or "'" in w:
                self.set_multiword[name] += 1
                continue
            if w not in words:
                words.append(w)
        return line, words


def row_id(r: Row) -> str:
    return f"p2.{r.lemma}.{r.cameo}" + (f".{r.slug}" if r.slug else "")


# ----------------------------------------------------------------------------- agents, discards
def convert_agents(vendor: Path, known: set[str]) -> tuple[list[list[str]], Counter[str], Counter[str]]:
    subs: dict[str, list[str]] = {}
    rows: list[list[str]] = []
    seen: set[str] = set()
    skips: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    for n, raw in enumerate(read_lines(vendor / AGENT_FILE), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[([^\]}]*)[\]}]", line)
        if not m:
            skips["line without a code"] += 1
            continue
        phrase, braces, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        prim = code.replace("~", "")[:3]
        if prim not in AGENT_SECTORS:
            skips[f"sector {prim or code} has no accord equivalent"] += 1
            continue
        sector = AGENT_SECTORS[prim]
        forms: list[tuple[str, bool]] = [(phrase, True)]  # (text, make a regular plural)
        marker = next((k for k in subs if k in phrase), None)
        if marker:
            forms = [(phrase.replace(marker, s), False) for s in subs[marker]]
        words_out: list[str] = []
        for text, regular in forms:
            base = " ".join(text.replace("_", " ").split()).lower()
            if not base:
                continue
            words_out.append(base)
            if braces is not None:
                extra = braces.strip("{}").strip()
                if extra:
                    words_out.append(" ".join(extra.replace("_", " ").split()).lower())
            elif regular:
                last = base.split()[-1]
                if last.isalpha() and not last.endswith(("s", "men", "ren", "ple")) and " of " not in base:
                    words_out.append(base[: len(base) - len(last)] + agent_plural(last))
        for w in words_out:
            if len(w.split()) > 3 or not re.fullmatch(r"[a-z][a-z' -]*", w):
                skips["phrase of more than three words or with punctuation"] += 1
                continue
            if w in known:
                skips["already in accord's agents.csv"] += 1
                continue
            if w in seen:
                skips["repeated"] += 1
                continue
            seen.add(w)
            sectors[sector] += 1
            rows.append([w, sector, "group", f"{AGENT_FILE}:{n}"])
    return rows, skips, sectors


def convert_discards(vendor: Path) -> tuple[list[str], Counter[str]]:
    out: list[str] = []
    skips: Counter[str] = Counter()
    kept_out = {w.strip().lower() for w in read_lines(DISCARDS_KEPT_OUT) if w.strip() and not w.startswith("#")}
    for raw in read_lines(vendor / DISCARD_FILE):
        line = raw.split("#", 1)[0].strip().lstrip("+").strip().rstrip("_").strip()
        if not line:
            continue
        phrase = " ".join(line.replace("_", " ").split()).lower()
        if phrase.isdigit():
            skips["bare year (PETRARCH's chronology filter: too broad)"] += 1
            continue
        if phrase in out:
            skips["repeated"] += 1
            continue
        if phrase in kept_out:
            skips["common in political news (petrarch_discards_kept_out.txt)"] += 1
            continue
        out.append(phrase)
    return out, skips


# ----------------------------------------------------------------------------- people
@dataclass
class Record:
    file: str
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, int]] = field(default_factory=list)  # (code, restriction, line)


def parse_actor_file(path: Path) -> list[Record]:
    recs: list[Record] = []
    cur: Record | None = None
    for n, raw in enumerate(read_lines(path), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        text = raw.split("#", 1)[0]
        brackets = [(m.group(1).strip(), n) for m in re.finditer(r"\[([^\]]*)\]", text)]
        bare = re.sub(r"\[[^\]]*\]", " ", text)
        if raw[:1] in (" ", "\t"):
            if cur is not None:
                cur.codes += [(c, "", ln) for c, ln in brackets]
            continue
        if raw.startswith("+"):
            if cur is not None:
                cur.names.append(bare.strip()[1:].strip())
                cur.codes += [(c, "", ln) for c, ln in brackets]
            continue
        cur = Record(path.name, n, [bare.strip()])
        cur.codes += [(c, "", ln) for c, ln in brackets]
        recs.append(cur)
    return recs


def parse_date(text: str) -> str | None:
    if not text.isdigit():
        return None
    if len(text) == 6:
        yy = int(text[:2])
        text = ("20" if yy <= 20 else "19") + text
    if len(text) != 8:
        return None
    y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def pretty_name(phrase: str) -> str:
    words = phrase.replace("_", " ").split()
    out = []
    for w in words:
        pieces = re.split(r"([-'])", w.lower())
        out.append("".join(p[:1].upper() + p[1:] if p not in ("-", "'") else p for p in pieces))
    return " ".join(out)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", ascii_fold(text).lower()).strip("_")


class PeopleConverter:
    def __init__(self, vendor: Path, countries: set[str], orgs: dict[str, tuple[str, str]]) -> None:
        self.vendor = vendor
        self.countries = countries
        self.orgs = orgs  # id -> (name, country)
        self.skips: Counter[str] = Counter()
        self.role_skips: Counter[str] = Counter()
        self.sectors: Counter[str] = Counter()
        self.clipped = 0
        self.records = 0

    def role(self, code: str, start: str, end: str | None) -> tuple[dict[str, str] | None, str]:
        if code.startswith("IGO"):
            rest = code[3:]
            org = next((IGO_ORGS[k] for k in sorted(IGO_ORGS, key=len, reverse=True) if rest.startswith(k)), None)
            if org is None or org not in self.orgs:
                return None, "IGO code without an accord organisation"
            name = self.orgs[org][0]
            return {"country": "", "office": "other", "title": f"{name} official".lower(),
                    "organisation": org, "sector": "IGO"}, ""
        iso, rest = COUNTRY_ALIASES.get(code[:3], code[:3]), code[3:]
        if iso not in self.countries:
            return None, "country or group code accord does not know"
        prim, sub = rest[:3], rest[3:6]
        if prim not in PERSON_SECTORS:
            if prim == "ELI":
                return None, "ELI (elite: out of office)"
            if prim in CAMEO_SECTORS:
                return None, f"sector {prim} has no accord equivalent"
            return None, "dependent territory or bare country code (GBRVGB..., USAPRI..., AFG)"
        sector = PERSON_SECTORS[prim]
        if prim == "GOV" and sub not in CORE_PORTFOLIOS:
            return None, "government portfolio outside the core (economy, health, ...; see above)"
        if prim == "GOV":
            title = PORTFOLIO_TITLES.get(sub, "government official")
        elif prim == "SPY":
            title = "intelligence official"
        else:
            title = SECTOR_TITLES[prim]
        return {"country": iso, "office": "other", "title": title, "organisation": iso, "sector": sector}, ""

    def convert(self, curated: list[dict[str, str]], taken_names: set[str]) -> list[list[str]]:
        curated_ids = {r["actor_id"] for r in curated}
        by_person_key: set[tuple[str, str, str]] = set()
        surname_roles: dict[str, list[tuple[str, str]]] = defaultdict(list)
        curated_by_country: dict[str, set[str]] = defaultdict(set)
        for r in curated:
            for n in [r["name"], *[a for a in r["aliases"].split("|") if a.strip()]]:
                parts = name_key(n).split()
                if len(parts) >= 2:
                    curated_by_country[r["country"]].add(" ".join(parts))
                if len(parts) >= 2:
                    by_person_key.add((r["country"], parts[0], parts[-1]))
                    fam = [parts[-1]] + ([parts[0]] if r["country"] in FAMILY_NAME_FIRST else [])
                    for f in fam:
                        surname_roles[f].append((r["start"] or "0000-00-00", r["end"] or "9999-12-31"))
        rows: list[list[str]] = []
        used_ids: set[str] = set(curated_ids)
        own_names: set[str] = set()
        for fname in ACTOR_FILES:
            for rec in parse_actor_file(self.vendor / fname):
                dated = [c for c in rec.codes if re.search(r"[<>]?\s*\d{6,8}", c[0])]
                if not any(re.search(r"(^|\s)(>\s*\d|\d+\s*-\s*\d)", c[0]) for c in dated):
                    continue  # no role with a start date: not one of the people entries
                self.records += 1
                names = []
                for raw in rec.names:
                    nm = pretty_name(raw)
                    if len(nm.split()) >= 2 and re.fullmatch(r"[A-Za-z][A-Za-z .'-]*", nm) and nm not in names:
                        names.append(nm)
                if not names:
                    self.skips["only one-word names"] += 1
                    continue
                keys = {name_key(n) for n in names}
                if keys & taken_names:
                    self.skips["already in accord (same name or alias)"] += 1
                    continue
                if keys & own_names:
                    self.skips["same name as an earlier Phoenix entry"] += 1
                    continue
                roles = []
                for code_text, _, ln in rec.codes:
                    m = re.fullmatch(r"\s*([A-Z]+)\s*(?:(>)\s*(\d+)|(<)\s*(\d+)|(\d+)\s*-\s*(\d+))?\s*", code_text)
                    if not m:
                        self.role_skips["malformed restriction"] += 1
                        continue
                    code = m.group(1)
                    if m.group(2):
                        start, end = parse_date(m.group(3)), None
                    elif m.group(6):
                        start, end = parse_date(m.group(6)), parse_date(m.group(7))
                        if end is None:
                            self.role_skips["malformed date"] += 1
                            continue
                    else:
                        self.role_skips["no start date (default code or <date)"] += 1
                        continue
                    if start is None:
                        self.role_skips["malformed date"] += 1
                        continue
                    if start > CLIP_END:
                        self.role_skips["starts after 2015"] += 1
                        continue
                    if end is None or end > CLIP_END:
                        end = CLIP_END
                        self.clipped += 1
                    if end < KEEP_FROM:
                        self.role_skips[f"ended before {KEEP_FROM} (see above)"] += 1
                        continue
                    if end < start:
                        self.role_skips["ends before it starts"] += 1
                        continue
                    info, why = self.role(code, start, end)
                    if info is None:
                        self.role_skips[why] += 1
                        continue
                    roles.append((info, start, end, ln))
                if not roles:
                    self.skips["no role accord can use"] += 1
                    continue
                country = next((i["country"] for i, *_ in roles if i["country"]), "")
                if not country:
                    country = self.orgs[roles[0][0]["organisation"]][1] or "IGO"
                if any(" ".join(t[i:j]) in curated_by_country.get(country, ())
                       for t in (name_key(n).split() for n in names)
                       for i in range(len(t)) for j in range(i + 2, len(t) + 1)):
                    self.skips["already in accord (a curated name inside the Phoenix one, same country)"] += 1
                    continue
                parts = name_key(names[0]).split()
                if (country, parts[0], parts[-1]) in by_person_key:
                    self.skips["already in accord (same first and last name, same country)"] += 1
                    continue
                fam = {name_key(n).split()[-1] for n in names}
                if country in FAMILY_NAME_FIRST:
                    fam |= {name_key(n).split()[0] for n in names}
                if any(s <= e2 and s2 <= e for f in fam for s2, e2 in surname_roles.get(f, ()) for _, s, e, _ in roles):
                    self.skips["bare surname would compete with a curated person in office then"] += 1
                    continue
                pid = slug(names[0])
                if pid in used_ids:
                    pid = f"{pid}_{country.lower()}"
                k = 2
                base = pid
                while pid in used_ids:
                    pid = f"{base}_{k}"
                    k += 1
                used_ids.add(pid)
                own_names |= keys
                aliases = "|".join(names[1:])
                for info, start, end, ln in roles:
                    self.sectors[info["sector"]] += 1
                    rows.append([pid, names[0], aliases, country, info["office"], info["title"],
                                 info["organisation"], info["sector"], start, end, f"{rec.file}:{ln}"])
        return rows


# ----------------------------------------------------------------------------- report
def table(counter: Counter[str] | dict[str, int], head: tuple[str, str]) -> str:
    lines = [f"| {head[0]} | {head[1]} |", "|---|---:|"]
    for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {k} | {v:,} |")
    return "\n".join(lines)


def report(vc: VerbConverter, rows: list[Row], plover: dict[str, str], lexicons: dict[str, tuple[int, list[str]]],
           generic: set[str], agents: tuple[list[list[str]], Counter[str], Counter[str]],
           discards: tuple[list[str], Counter[str]], pc: PeopleConverter, people: list[list[str]]) -> str:
    by_type = Counter(plover[r.cameo] for r in rows)
    by_cue = Counter((r.cue.split(":", 1)[0] or "bare") + (" (word set)" if "@" in r.cue else "") for r in rows)
    lemmas = {r.lemma for r in rows}
    persons = {p[0] for p in people}
    multi = sum(vc.set_multiword[n] for n in lexicons)
    out = f"""# PETRARCH2 dictionaries in accord

Generated by `scripts/petrarch/convert.py` from the PETRARCH2 dictionaries (MIT licence, see
`../NOTICE-petrarch2.txt`); edit the converter, not this file. Every converted row keeps an
`origin` column naming the PETRARCH2 file and line it came from.

## Verb patterns: `rules/petrarch_verbs.csv`

Source: `{VERB_FILE}`, {len(vc.blocks):,} verb blocks, {vc.patterns_total:,} pattern lines,
{len(vc.sets):,} `&` word sets and {vc.transformations} verb-verb transformations.

PETRARCH matches a pattern against a constituency parse: words before the `*` constrain the
subject side, words after it the object side, `(PREP ...)` a prepositional phrase, `{{...}}` a noun
phrase whose last word is the head, `$` and `+` mark the source and the target. accord matches a row
against spaCy's dependency parse with one cue per row, so a pattern is kept only when it reduces to
one of these:

- `- * WORD [code]`: the verb with that direct object (`obj:word`, the singular and the written
  form), confidence {CONF_WORD}; `- * &SET [code]` becomes `obj:@p2_set`, the set written out as a
  lexicon; an adverbial particle (`- * UP [code]`) becomes `prt:up`.
- `- * (PREP) [code]`, `(PREP ^)` or `(PREP +)`: that preposition on the verb (`prep:x`),
  confidence {CONF_PREP}.
- `(PREP +)` beside one of the above adds PREP to `targets` (its object is the target); a `+` as the
  direct object needs nothing, since the direct object is accord's default target.
- A verb line's own code (`ASK [020]`, or the block's code when the verb has none) gives a bare row,
  confidence {CONF_BARE}; a block or verb coded `[---]` gives none. A two-word verb
  (`+CALL_OFF [160]`) gives one row with its second word as the cue: `prt:` for adverbial particles,
  `prep:` for prepositions, `obj:` otherwise (`+WAGE_WAR` -> `wage` with `obj:war`).

Every one-word verb of a block gets every kept pattern of the block (PETRARCH's synonym sets);
irregular forms in `{{...}}`, and verb lines that are such a form, become the lemma. Two-word verbs
get only their own row: a row has one cue. A code `[A:B]` keeps its active part A (B is the code
PETRARCH uses when the subject is the one acted on). When two rows would give the same verb the same
cue, the later pattern is kept, as PETRARCH's dictionary tree keeps the last one written; a verb
listed again in a later block keeps only its first block, as PETRARCH does.

Bare rows of very common verbs are left out: a verb such as *give* or *hold* is no event on its
own, nor is a verb of the feeling an act causes (*irritate*, *reassure*, *sadden*). The list is `lexicons/p2_generic_verbs.txt` ({len(generic)} verbs, kept by hand and read by the
converter); those verbs keep their object-, particle- and preposition-cued rows.

### Rows kept

{len(rows):,} rows, {len(lemmas):,} verb lemmas, from {vc.patterns_used:,} pattern lines and the verb lines.
Their confidence (0.55-0.65) sits at the low end of the curated rows' (0.5-0.85), so where both
match, the curated reading is usually the stronger.

{table(by_type, ("PLOVER type", "rows"))}

{table(by_cue, ("cue", "rows"))}

### Pattern lines not converted

Each line is counted once, under the first reason that applies (a null code first, then the
line's shape, then what its code maps to); every table of dropped items below counts the same way.

{table(vc.pattern_skips, ("reason", "pattern lines"))}

The {vc.transformations} transformation lines (`~ a (a b ATTACK) SAY = ...`, a verb about another
verb's event) are not converted: accord handles embedded events in the coder (`frame=embed`).
PETRARCH's `[---]` patterns block coding ("avoid incidents"); accord rows cannot say "no event",
so these are counted, not converted, and a converted bare verb can fire where PETRARCH was silent.

### Verb lines without a row of their own

A one-word verb whose own code gives no row (01x, `[:X]`; one coded `[---]` is not counted here)
still takes its block's patterns; the `[---]` lines counted are two-word verbs, which take no
patterns. The other reasons leave the verb out altogether.

{table(vc.verb_skips, ("reason", "verb lines"))}

### Rows dropped after expansion

{table(vc.row_drops, ("reason", "rows"))}

### Word sets

{len(lexicons)} sets are used by kept rows and written as `lexicons/p2_<name>.txt`, one lower-case
word per line; {multi} multi-word entries (`PRIME_MINISTER`) are left out because a cue compares
one word, the object's head.

{table({f"p2_{k.lower()}": len(v[1]) for k, v in lexicons.items()}, ("lexicon", "words"))}

## Generic agents: `actors/agents_petrarch.csv`

Source: `{AGENT_FILE}`. {len(agents[0]):,} words and phrases that accord's `actors/agents.csv`
lacks, with regular plurals added as PETRARCH does (irregular ones are in `{{...}}`, `{{}}` means
none) and `!PERSON!`/`!MINIST!` expanded. The sector is the first code after `~`; UAF (gunmen,
militias) is accord's REB, SPY is GOV, PPL is CVL. The knowledge base loads this file after the
curated ones and skips any word they already have.

{table(agents[2], ("sector", "words"))}

{table(agents[1], ("not converted", "entries"))}

## Discards: `lexicons/discards.txt`

Source: `{DISCARD_FILE}`. {len(discards[0]):,} phrases (sports, entertainment, natural events and
other stories PETRARCH leaves uncoded), lower case. PETRARCH's `+` (drop the whole story rather
than the sentence) is not kept.

{table(discards[1], ("not converted", "entries"))}

## People: `actors/people_petrarch.csv`

Sources: {", ".join(f"`{f}`" for f in ACTOR_FILES)}. {len(persons):,} people with {len(people):,}
dated roles, out of {pc.records:,} entries that have a role with a start date.

The Phoenix actor files stop being maintained around 2015: roles that are open-ended or end after
{CLIP_END} end on {CLIP_END} here ({pc.clipped:,} roles clipped), and nobody is in office after
that date on this file's word. Only roles with a start date are kept.

Not every dated role is kept, to keep the knowledge base quick to load (all of them, about 15,000
people, made `default_kb()` take about half a second longer; what is kept adds about a seventh of
a second): government roles only for heads and ministers without a portfolio code and for the
defence (GOVMIL), interior (GOVCOP), justice (GOVJUD) and intelligence (GOVSPY) portfolios, the
other portfolios (economy, agriculture, media, health, education, ...) left out; and only roles
that were held on or after {KEEP_FROM}. A role code is a country code
and a sector (`AFGGOV`, `USAMIL`) or an IGO code (`IGOUNO`): the country becomes `country` and
`organisation`, the sector `sector` (SPY counts as GOV); government portfolios (`GOVMIL`, `GOVBUS`,
...) only choose the title ("defence official", "economy official"). Phoenix does not say which
office a person held, so `office` is `other`, which never answers an office-holder lookup
("the president") and never outranks a curated office.

Accord's curated rows always win: people whose name or alias (compared without case, accents,
dots and hyphens) is in any curated file, or who share a first and last name and a country with a
curated person, are left out, as are people whose bare surname would compete with a curated person
in office at the same time. The knowledge base loads this file last and skips any row whose id or
name is already there.

{table(pc.sectors, ("sector", "roles"))}

{table(pc.skips, ("people not converted", "entries"))}

{table(pc.role_skips, ("roles not converted", "roles"))}
"""
    return out


# ----------------------------------------------------------------------------- main
def notice(vendor: Path) -> str:
    lic = (vendor / "LICENSE").read_text(encoding="utf-8")
    head = (
        "accord includes data converted from the PETRARCH2 coding dictionaries of the Open Event Data\n"
        "Alliance (github.com/openeventdata/petrarch2, folder petrarch2/data/dictionaries), under the\n"
        "MIT licence below.\n\n"
        "Derived files (CSV rows name their source file and line in an `origin` column; the\n"
        "lexicon files name theirs in their first comment line):\n"
        f"  src/accord/data/rules/petrarch_verbs.csv and src/accord/data/lexicons/p2_*.txt <- {VERB_FILE}\n"
        f"  src/accord/data/actors/agents_petrarch.csv <- {AGENT_FILE}\n"
        f"  src/accord/data/lexicons/discards.txt <- {DISCARD_FILE}\n"
        f"  src/accord/data/actors/people_petrarch.csv <- {', '.join(ACTOR_FILES)}\n"
        "  (src/accord/data/lexicons/p2_generic_verbs.txt is accord's own list, not derived.)\n\n"
        "----------------------------------------------------------------------------------------\n\n"
    )
    return head + lic if lic.endswith("\n") else head + lic + "\n"


def build(vendor: Path) -> dict[str, str]:
    cameo_rows = csv_rows(DATA / "cameo.csv")
    plover = {r["code"]: r["plover_type"] for r in cameo_rows}
    generic = set(word_list(GENERIC_VERBS))

    vc = VerbConverter(vendor, plover, generic)
    rows = vc.rows()
    outputs: dict[str, str] = {}
    out_rows = [[row_id(r), r.lemma, r.cue, r.cameo, r.targets, r.conf, "", f"{VERB_FILE}:{r.origin}"] for r in rows]
    ids = Counter(x[0] for x in out_rows)
    dup = [i for i, c in ids.items() if c > 1]
    if dup:
        raise SystemExit(f"duplicate ids: {dup[:5]}")
    outputs[OUT_VERBS] = write_csv(
        ["id", "lemma", "cue", "cameo", "targets", "conf", "frame", "origin"], out_rows,
        "Converted from PETRARCH2 CAMEO.2.0.txt (MIT, see ../NOTICE-petrarch2.txt) by scripts/petrarch/convert.py; "
        "see PETRARCH_CONVERSION.md")
    lexicons: dict[str, tuple[int, list[str]]] = {}
    for name in sorted(vc.used_sets):
        line, words = vc.set_words(name)
        lexicons[name] = (line, words)
        text = f"# PETRARCH2 {VERB_FILE}:{line} &{name} (MIT, see ../NOTICE-petrarch2.txt)\n" + "".join(
            w + "\n" for w in words)
        outputs[f"{OUT_LEXICONS}/p2_{name.lower()}.txt"] = text

    known_agents = {r["word"].strip().lower() for r in csv_rows(DATA / "actors" / "agents.csv")}
    agents = convert_agents(vendor, known_agents)
    outputs[OUT_AGENTS] = write_csv(["word", "sector", "kind", "origin"], agents[0],
                                    f"Generic agents converted from PETRARCH2 {AGENT_FILE} (MIT, see ../NOTICE-petrarch2.txt)")
    discards = convert_discards(vendor)
    outputs[OUT_DISCARDS] = (f"# PETRARCH2 {DISCARD_FILE} (MIT, see ../NOTICE-petrarch2.txt): sport, entertainment and\n"
                             "# celebrity phrases; a sentence holding one codes no event (rule veto.discarded-topic).\n") + "".join(
        d + "\n" for d in discards[0])

    curated: list[dict[str, str]] = []
    for p in sorted((DATA / "actors").glob("people_*.csv")):
        if p.name != Path(OUT_PEOPLE).name:
            curated += csv_rows(p)
    taken: set[str] = set()
    for r in curated:
        taken |= {name_key(n) for n in [r["name"], *r["aliases"].split("|")] if n.strip()}
    for r in csv_rows(DATA / "actors" / "countries.csv"):
        for col in ("name", "aliases", "demonyms", "capital", "metonyms"):
            taken |= {name_key(n) for n in r.get(col, "").split("|") if n.strip()}
    orgs: dict[str, tuple[str, str]] = {}
    for f in ("organisations.csv", "organisations_history.csv"):
        for r in csv_rows(DATA / "actors" / f):
            orgs.setdefault(r["id"], (r["name"], r["country"]))
            taken |= {name_key(n) for n in [r["name"], *r["aliases"].split("|")] if n.strip()}
    countries = {r["iso3"] for r in csv_rows(DATA / "actors" / "countries.csv")}
    pc = PeopleConverter(vendor, countries, orgs)
    people = pc.convert(curated, taken)
    outputs[OUT_PEOPLE] = write_csv(
        ["actor_id", "name", "aliases", "country", "office", "title", "organisation", "sector", "start", "end", "origin"],
        people, f"People converted from the PETRARCH2 Phoenix actor files (MIT, see ../NOTICE-petrarch2.txt); "
        f"roles end by {CLIP_END}, see rules/PETRARCH_CONVERSION.md")
    outputs[OUT_REPORT] = report(vc, rows, plover, lexicons, generic, agents, discards, pc, people)
    outputs[OUT_NOTICE] = notice(vendor)
    return outputs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("vendor", type=Path, help="folder holding the PETRARCH2 dictionaries")
    ap.add_argument("--out", type=Path, default=REPO, help="root to write under (default: the repository)")
    args = ap.parse_args(argv)
    outputs = build(args.vendor)
    lex_dir = args.out / OUT_LEXICONS
    if args.out == REPO and lex_dir.is_dir():  # a set no longer used leaves no stale file behind
        for old in lex_dir.glob("p2_*.txt"):
            if old.name != GENERIC_VERBS.name and f"{OUT_LEXICONS}/{old.name}" not in outputs:
                old.unlink()
    for rel, text in outputs.items():
        path = args.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(outputs)} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
