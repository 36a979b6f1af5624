"""The sourced facts that `seed_reference` loads: cohorts, hubs, successions.

Every fact comes from ../shared/DOMAIN.md with the source it cites there. Where a source
gives no URL we store the publisher and the reference as cited, and no URL: nothing is guessed.
Only facts marked confirmed or reported are seeded (Bengkulu's 2024 designation is uncertain
and is left for staff to record once a source confirms it).
"""

SOURCES = [
    {"key": "indonesiaparlemen-2021-03-04", "publisher": "indonesiaparlemen.com", "published_on": "2021-03-04"},
    {"key": "antaranews-1618314", "publisher": "antaranews.com", "reference": "berita 1618314"},
    {"key": "harnasnews-103572", "publisher": "harnasnews.com", "reference": "p=103572"},
    {"key": "kalbarprov-1846", "publisher": "biroorganisasi.kalbarprov.go.id", "reference": "p=1846"},
    {
        "key": "menpan-komitmen-2022",
        "publisher": "menpan.go.id",
        "title": "Komitmen Pemerintah Provinsi Bergabung dalam JIPP",
        "reference": "komitmen-pemerintah-provinsi-bergabung-dalam-jipp",
    },
    {"key": "menpan-kaltim-hub", "publisher": "menpan.go.id", "reference": "halaman hub Kalimantan Timur"},
    {"key": "djabarpos-27305", "publisher": "djabarpos.com", "reference": "p=27305"},
    {"key": "industry-136949", "publisher": "industry.co.id", "reference": "read/136949"},
    {"key": "koranindopos-2024", "publisher": "koranindopos.com", "reference": "Gebyar Pelayanan Prima 2024"},
    {
        "key": "mamujupos-kepmenpanrb-305-2024",
        "publisher": "mamujupos.com",
        "reference": "KepmenPANRB 305/2024, Sulawesi Barat bersama 13 provinsi lain",
    },
    {"key": "limawaktu-2024-08-09", "publisher": "limawaktu.id", "published_on": "2024-08-09"},
]

COHORTS = [
    {
        "slug": "2020",
        "year": 2020,
        "name": "Angkatan 2020 (rintisan)",
        "name_en": "2020 cohort (pilot)",
        "decree_number": "KepmenPANRB 94/2020",
        "announced_count": 8,
        "basis": "Keputusan Menteri PANRB Nomor 94 Tahun 2020 (rintisan).",
        "sources": ["indonesiaparlemen-2021-03-04", "antaranews-1618314"],
    },
    {
        "slug": "2021",
        "year": 2021,
        "name": "Angkatan 2021",
        "name_en": "2021 cohort",
        "decree_number": "KepmenPANRB 359/2021",
        "announced_count": 4,
        "basis": "Keputusan Menteri PANRB Nomor 359 Tahun 2021.",
        "sources": ["harnasnews-103572", "kalbarprov-1846"],
    },
    {
        "slug": "2022",
        "year": 2022,
        "name": "Angkatan 2022",
        "name_en": "2022 cohort",
        "announced_on": "2022-09-28",
        "announced_count": 3,
        "basis": "Penandatanganan komitmen 28 September 2022; nomor keputusan belum diketahui.",
        "sources": ["menpan-komitmen-2022"],
    },
    {
        "slug": "2023-provinsi",
        "year": 2023,
        "name": "Angkatan 2023 (provinsi)",
        "name_en": "2023 cohort (provinces)",
        "announced_on": "2023-03-14",
        "announced_count": 7,
        "basis": "Penandatanganan komitmen 14 Maret 2023; nomor keputusan belum diketahui.",
        "sources": ["menpan-kaltim-hub"],
    },
    {
        "slug": "2023-kementerian-lembaga",
        "year": 2023,
        "name": "Angkatan 2023 (kementerian/lembaga)",
        "name_en": "2023 cohort (ministries and agencies)",
        "announced_on": "2023-10-20",
        "announced_count": 12,
        "basis": "Komitmen bersama 20 Oktober 2023; nomor keputusan belum diketahui.",
        "sources": ["djabarpos-27305"],
    },
    {
        "slug": "2024",
        "year": 2024,
        "name": "Angkatan 2024",
        "name_en": "2024 cohort",
        "announced_on": "2024-10-08",
        "announced_count": 20,
        "basis": "Diumumkan 8 Oktober 2024 pada Gebyar Pelayanan Prima 2024. Daftar lengkap belum dipublikasikan.",
        "sources": ["industry-136949", "koranindopos-2024"],
    },
]


def _province_hub(code, name, cohort, sources, evidence="confirmed"):
    return {
        "name": f"Pemerintah Provinsi {name}",
        "kind": "pemprov",
        "province": code,
        "cohort": cohort,
        "evidence": evidence,
        "sources": sources,
    }


def _national_hub(name, kind, cohort, sources, acronym="", evidence="confirmed"):
    return {
        "name": name,
        "acronym": acronym,
        "kind": kind,
        "cohort": cohort,
        "evidence": evidence,
        "sources": sources,
    }


_S2020 = ["indonesiaparlemen-2021-03-04", "antaranews-1618314"]
_S2021 = ["harnasnews-103572", "kalbarprov-1846"]
_S2022 = ["menpan-komitmen-2022"]
_S2023P = ["menpan-kaltim-hub"]
_S2023KL = ["djabarpos-27305"]
_S2024 = ["industry-136949", "koranindopos-2024"]

HUBS = [
    # 2020 (pilot), KepmenPANRB 94/2020
    _province_hub("35", "Jawa Timur", "2020", _S2020),
    _province_hub("16", "Sumatera Selatan", "2020", _S2020),
    _province_hub("73", "Sulawesi Selatan", "2020", _S2020),
    _province_hub("33", "Jawa Tengah", "2020", _S2020),
    _province_hub("13", "Sumatera Barat", "2020", _S2020),
    _province_hub("19", "Kepulauan Bangka Belitung", "2020", _S2020),
    _province_hub("63", "Kalimantan Selatan", "2020", _S2020),
    _province_hub("75", "Gorontalo", "2020", _S2020),
    # 2021, KepmenPANRB 359/2021
    _province_hub("14", "Riau", "2021", _S2021),
    _province_hub("61", "Kalimantan Barat", "2021", _S2021),
    _province_hub("51", "Bali", "2021", _S2021),
    _province_hub("81", "Maluku", "2021", _S2021),
    # 2022
    _province_hub("12", "Sumatera Utara", "2022", _S2022),
    _province_hub("36", "Banten", "2022", _S2022),
    _province_hub("53", "Nusa Tenggara Timur", "2022", _S2022),
    # 2023, provinces
    _province_hub("15", "Jambi", "2023-provinsi", _S2023P),
    _province_hub("18", "Lampung", "2023-provinsi", _S2023P),
    _province_hub("32", "Jawa Barat", "2023-provinsi", _S2023P),
    _province_hub("34", "Daerah Istimewa Yogyakarta", "2023-provinsi", _S2023P),
    _province_hub("52", "Nusa Tenggara Barat", "2023-provinsi", _S2023P),
    _province_hub("82", "Maluku Utara", "2023-provinsi", _S2023P),
    _province_hub("64", "Kalimantan Timur", "2023-provinsi", _S2023P),
    # 2023, ministries and agencies
    _national_hub("Kementerian Agama", "kementerian", "2023-kementerian-lembaga", _S2023KL),
    _national_hub(
        "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional",
        "kementerian",
        "2023-kementerian-lembaga",
        _S2023KL,
        acronym="ATR/BPN",
    ),
    _national_hub(
        "Kementerian Hukum dan Hak Asasi Manusia",
        "kementerian",
        "2023-kementerian-lembaga",
        _S2023KL,
        acronym="Kemenkumham",
    ),
    _national_hub("Kementerian Kelautan dan Perikanan", "kementerian", "2023-kementerian-lembaga", _S2023KL),
    _national_hub("Kementerian Keuangan", "kementerian", "2023-kementerian-lembaga", _S2023KL),
    _national_hub("Kementerian Perdagangan", "kementerian", "2023-kementerian-lembaga", _S2023KL),
    _national_hub("Kementerian Pertanian", "kementerian", "2023-kementerian-lembaga", _S2023KL),
    _national_hub("Kementerian Sosial", "kementerian", "2023-kementerian-lembaga", _S2023KL),
    _national_hub(
        "Kepolisian Negara Republik Indonesia", "lainnya", "2023-kementerian-lembaga", _S2023KL, acronym="Polri"
    ),
    _national_hub("Mahkamah Agung", "lainnya", "2023-kementerian-lembaga", _S2023KL),
    _national_hub(
        "Badan Pengawas Obat dan Makanan", "lembaga", "2023-kementerian-lembaga", _S2023KL, acronym="Badan POM"
    ),
    _national_hub("Kejaksaan Agung", "lainnya", "2023-kementerian-lembaga", _S2023KL),
    # 2024: the four confirmed, and two reported
    _national_hub("Perpustakaan Nasional Republik Indonesia", "lembaga", "2024", _S2024, acronym="Perpusnas"),
    _national_hub("Kementerian Lingkungan Hidup dan Kehutanan", "kementerian", "2024", _S2024, acronym="KLHK"),
    _province_hub("31", "DKI Jakarta", "2024", _S2024),
    _national_hub(
        "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah",
        "lembaga",
        "2024",
        ["industry-136949"],
        acronym="LKPP",
    ),
    _province_hub("76", "Sulawesi Barat", "2024", ["mamujupos-kepmenpanrb-305-2024"], evidence="reported"),
    _province_hub("21", "Kepulauan Riau", "2024", ["limawaktu-2024-08-09"], evidence="reported"),
]

# Institutions that are not hubs themselves but are needed for successions.
OTHER_INSTITUTIONS = [
    {"name": "Kementerian Lingkungan Hidup", "kind": "kementerian"},
    {"name": "Kementerian Kehutanan", "kind": "kementerian"},
]

SUCCESSIONS = [
    {
        "predecessor": "Kementerian Lingkungan Hidup dan Kehutanan",
        "successor": name,
        "changed_on": "2024-10-01",
        "date_precision": "month",
        "note": "KLHK dipecah menjadi Kementerian Lingkungan Hidup dan Kementerian Kehutanan pada Oktober 2024.",
    }
    for name in ("Kementerian Lingkungan Hidup", "Kementerian Kehutanan")
]
