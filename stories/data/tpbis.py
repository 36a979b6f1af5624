"""TPBIS (Transformasi Perpustakaan Berbasis Inklusi Sosial): the programme, its activity types and its
sourced indicators, from ../shared/DOMAIN.md ("TPBIS").

DOMAIN.md cites the coverage figures together as "industry.co.id 141279; jpnn; tribunnews" without
saying which outlet gave which figure, so each measurement points to industry.co.id 141279 (the one
with a reference) and names all three in its evidence. No URLs are stored: the sources give none.
No target is seeded: no source gives one. No story is seeded here (stories are people's; the
synthetic ones of `seed_demo` are marked as demo).
"""

HUB_NAME = "Perpustakaan Nasional Republik Indonesia"

SOURCES = [
    {"key": "industry-141279", "publisher": "industry.co.id", "reference": "read/141279"},
    # DOMAIN.md names these outlets without an article reference; the reference says what they covered.
    {"key": "jpnn-tpbis", "publisher": "jpnn.com", "reference": "berita TPBIS"},
    {"key": "tribunnews-tpbis", "publisher": "tribunnews.com", "reference": "berita TPBIS"},
]

PROGRAMME = {
    "slug": "tpbis",
    "name": "Transformasi Perpustakaan Berbasis Inklusi Sosial",
    "name_en": "Social Inclusion-Based Library Transformation",
    "acronym": "TPBIS",
    "description": (
        "Program prioritas nasional Perpustakaan Nasional sejak 2018, bersama Bappenas: perpustakaan menjadi "
        "pusat kegiatan masyarakat yang meningkatkan kesejahteraan. Tiga strategi: peningkatan layanan "
        "informasi (koleksi, komputer, internet); kegiatan pelibatan masyarakat (pelatihan memasak, kerajinan, "
        "budi daya ikan lele, komputer, bahasa, pemasaran digital); advokasi dan kemitraan."
    ),
    "description_en": (
        "A national priority programme of the National Library since 2018, with Bappenas: libraries become "
        "community centres that raise welfare. Three strategies: better information services (collections, "
        "computers, internet); community engagement activities (training in cooking, crafts, catfish farming, "
        "computers, languages, digital marketing); advocacy and partnership."
    ),
    "sources": ["industry-141279", "jpnn-tpbis", "tribunnews-tpbis"],
}

# (slug, Indonesian name, English name): the kinds of activity named in the brief and in DOMAIN.md.
ACTIVITY_TYPES = [
    ("pelatihan", "Pelatihan", "Training"),
    ("pendampingan", "Pendampingan", "Mentoring"),
    ("akses-internet", "Akses internet", "Internet access"),
    ("program-membaca", "Program membaca", "Reading programme"),
    ("pelatihan-memasak", "Pelatihan memasak", "Cooking training"),
    ("pelatihan-kerajinan", "Pelatihan kerajinan", "Crafts training"),
    ("budi-daya-lele", "Pelatihan budi daya ikan lele", "Catfish farming training"),
    ("pelatihan-komputer", "Pelatihan komputer", "Computer training"),
    ("pelatihan-bahasa", "Pelatihan bahasa", "Language training"),
    ("pemasaran-digital", "Pelatihan pemasaran digital", "Digital marketing training"),
]

# Notes and evidence are kept in Indonesian and in English. The English texts are faithful
# translations of these short notes (no fact is added): the sources themselves are in Indonesian.
_CITED = (
    "Dikutip dari industry.co.id 141279; jpnn; tribunnews.",
    "Quoted from industry.co.id 141279; jpnn; tribunnews.",
)
_APRIL_2025 = "2025-04-30"
_NOTE_APRIL_2025 = ("Kumulatif s.d. April 2025.", "Cumulative to April 2025.")
_END_2022 = "2022-12-31"
_NOTE_2022 = ("Kumulatif s.d. 2022.", "Cumulative to 2022.")

# Each indicator with its measurements: (date, value, (note, note in English)). Units are what is
# counted: a code that stories.units labels in the page's language (provinsi, desa, orang, ...).
INDICATORS = [
    {
        "slug": "provinsi",
        "name": "Provinsi yang dijangkau",
        "name_en": "Provinces reached",
        "unit": "provinsi",
        "measurements": [(_APRIL_2025, "38", _NOTE_APRIL_2025)],
    },
    {
        "slug": "kabupaten-kota",
        "name": "Kabupaten/kota yang dijangkau",
        "name_en": "Regencies and cities reached",
        "unit": "kabupaten/kota",
        "measurements": [(_APRIL_2025, "296", _NOTE_APRIL_2025)],
    },
    {
        "slug": "desa",
        "name": "Desa yang dijangkau",
        "name_en": "Villages reached",
        "unit": "desa",
        "measurements": [(_APRIL_2025, "2396", _NOTE_APRIL_2025)],
    },
    {
        "slug": "replikasi-mandiri",
        "name": "Replikasi mandiri (didanai sendiri)",
        "name_en": "Self-funded replications",
        "unit": "replikasi",
        "measurements": [(_APRIL_2025, "3237", _NOTE_APRIL_2025)],
    },
    {
        "slug": "orang-terjangkau",
        "name": "Orang yang dijangkau",
        "name_en": "People reached",
        "unit": "orang",
        "measurements": [
            (_END_2022, "2133918", _NOTE_2022),
            # The source says "more than 8.2 million": the value is the stated lower bound.
            (
                _APRIL_2025,
                "8200000",
                (
                    "Lebih dari 8,2 juta orang (batas bawah yang disebut sumber). " + _NOTE_APRIL_2025[0],
                    "More than 8.2 million people (the lower bound the source states). " + _NOTE_APRIL_2025[1],
                ),
            ),
        ],
    },
    {
        "slug": "kegiatan",
        "name": "Kegiatan pelibatan masyarakat",
        "name_en": "Community engagement activities",
        "unit": "kegiatan",
        "measurements": [(_END_2022, "85776", _NOTE_2022)],
    },
    {
        "slug": "skor-efektivitas",
        "name": "Skor efektivitas program (skala 4)",
        "name_en": "Programme effectiveness score (out of 4)",
        "unit": "skor",
        # Only the year is known: the last day of 2024 stands for "2024".
        "measurements": [
            (
                "2024-12-31",
                "3.33",
                ("Skor efektivitas 3,33 dari 4 untuk tahun 2024.", "Effectiveness score of 3.33 out of 4 for 2024."),
            )
        ],
    },
]

EVIDENCE = _CITED
SOURCE_KEY = "industry-141279"
