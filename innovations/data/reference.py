"""Reference data of the innovations app: the 17 SDGs and the KIPP categories (DOMAIN.md)."""

# The 17 goals with their Indonesian (TPB, Bappenas) and English (UN) names.
SDGS = [
    (1, "Tanpa Kemiskinan", "No Poverty"),
    (2, "Tanpa Kelaparan", "Zero Hunger"),
    (3, "Kehidupan Sehat dan Sejahtera", "Good Health and Well-being"),
    (4, "Pendidikan Berkualitas", "Quality Education"),
    (5, "Kesetaraan Gender", "Gender Equality"),
    (6, "Air Bersih dan Sanitasi Layak", "Clean Water and Sanitation"),
    (7, "Energi Bersih dan Terjangkau", "Affordable and Clean Energy"),
    (8, "Pekerjaan Layak dan Pertumbuhan Ekonomi", "Decent Work and Economic Growth"),
    (9, "Industri, Inovasi dan Infrastruktur", "Industry, Innovation and Infrastructure"),
    (10, "Berkurangnya Kesenjangan", "Reduced Inequalities"),
    (11, "Kota dan Permukiman yang Berkelanjutan", "Sustainable Cities and Communities"),
    (12, "Konsumsi dan Produksi yang Bertanggung Jawab", "Responsible Consumption and Production"),
    (13, "Penanganan Perubahan Iklim", "Climate Action"),
    (14, "Ekosistem Lautan", "Life Below Water"),
    (15, "Ekosistem Daratan", "Life on Land"),
    (16, "Perdamaian, Keadilan dan Kelembagaan yang Tangguh", "Peace, Justice and Strong Institutions"),
    (17, "Kemitraan untuk Mencapai Tujuan", "Partnerships for the Goals"),
]

# KIPP categories per year, as listed in DOMAIN.md (menpan.go.id). 2021 and 2022 are the official
# Indonesian names; for 2025 DOMAIN.md gives English descriptions of the nine Asta Cita categories,
# so the Indonesian names below are descriptive translations of those, not official titles.
CATEGORIES = {
    2021: [
        ("Pengentasan kemiskinan", "Poverty alleviation"),
        ("Pendidikan", "Education"),
        ("Kesehatan", "Health"),
        ("Ketahanan pangan", "Food security"),
        ("Pertumbuhan ekonomi dan kesempatan kerja", "Economic growth and employment"),
        ("Pemberdayaan masyarakat", "Community empowerment"),
        ("Pelayanan publik responsif gender", "Gender-responsive public services"),
        ("Perlindungan dan pelestarian lingkungan hidup", "Environmental protection and conservation"),
        ("Tata kelola pemerintahan", "Governance"),
        ("Penegakan hukum", "Law enforcement"),
    ],
    2022: [
        ("Pelayanan Publik yang Inklusif dan Berkeadilan", "Inclusive and equitable public services"),
        (
            "Efektivitas Institusi Publik untuk mencapai TPB/SDGs",
            "Effectiveness of public institutions in achieving the SDGs",
        ),
        (
            "Ketahanan Institusi Publik di masa pandemi dan pasca-pandemi",
            "Resilience of public institutions during and after the pandemic",
        ),
    ],
    2025: [
        (
            "Kesetaraan gender serta perlindungan perempuan, anak, dan penyandang disabilitas",
            "Gender equality and protection of women, children and people with disabilities",
        ),
        ("Swasembada pangan, air, dan energi", "Food, water and energy self-sufficiency"),
        ("Lapangan kerja", "Jobs"),
        ("Layanan kesehatan", "Health services"),
        ("Makan bergizi", "Nutritious meals"),
        ("Pemerataan ekonomi dan UMKM", "Economic equity and MSMEs"),
        ("Pengentasan kemiskinan", "Poverty eradication"),
        ("Transformasi digital pelayanan publik", "Digital transformation of public services"),
        ("Lingkungan hidup", "Environment"),
    ],
}
