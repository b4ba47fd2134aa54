"""Gazetteer coverage, build time and memory for each GeoNames city-population threshold.

Run: ``python benchmarks/gazetteer_coverage.py [THRESHOLD ...]`` (default 15000 5000 1000).
Each threshold is measured in a fresh process so the memory figures do not mix.
The names are places that conflict and diplomacy news mentions, with the country they lie in
(recognised borders), written for this benchmark; no article context is given to the lookup.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

NEWS_PLACES: tuple[tuple[str, str], ...] = (
    # Ukraine and Russia
    ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Kharkiv", "UKR"), ("Kharkov", "UKR"), ("Odesa", "UKR"),
    ("Odessa", "UKR"), ("Mariupol", "UKR"), ("Bakhmut", "UKR"), ("Avdiivka", "UKR"),
    ("Kramatorsk", "UKR"), ("Sloviansk", "UKR"), ("Izium", "UKR"), ("Kupiansk", "UKR"),
    ("Soledar", "UKR"), ("Bucha", "UKR"), ("Irpin", "UKR"), ("Kherson", "UKR"),
    ("Zaporizhzhia", "UKR"), ("Mykolaiv", "UKR"), ("Lviv", "UKR"), ("Dnipro", "UKR"),
    ("Sumy", "UKR"), ("Chernihiv", "UKR"), ("Melitopol", "UKR"), ("Enerhodar", "UKR"),
    ("Sevastopol", "UKR"), ("Simferopol", "UKR"), ("Donetsk", "UKR"), ("Luhansk", "UKR"),
    ("Donbas", "UKR"), ("Crimea", "UKR"), ("Moscow", "RUS"), ("St Petersburg", "RUS"),
    ("Belgorod", "RUS"), ("Kursk", "RUS"), ("Bryansk", "RUS"), ("Grozny", "RUS"),
    # Syria, Iraq, Lebanon, Israel and Palestine, Yemen, Iran, Turkey
    ("Aleppo", "SYR"), ("Idlib", "SYR"), ("Homs", "SYR"), ("Hama", "SYR"), ("Raqqa", "SYR"),
    ("Deir ez-Zor", "SYR"), ("Daraa", "SYR"), ("Kobani", "SYR"), ("Palmyra", "SYR"),
    ("Douma", "SYR"), ("Manbij", "SYR"), ("Afrin", "SYR"), ("Qamishli", "SYR"),
    ("Latakia", "SYR"), ("Tartus", "SYR"), ("Khan Sheikhoun", "SYR"), ("Damascus", "SYR"),
    ("Golan Heights", "SYR"), ("Mosul", "IRQ"), ("Baghdad", "IRQ"), ("Fallujah", "IRQ"),
    ("Ramadi", "IRQ"), ("Tikrit", "IRQ"), ("Kirkuk", "IRQ"), ("Erbil", "IRQ"), ("Basra", "IRQ"),
    ("Sinjar", "IRQ"), ("Tal Afar", "IRQ"), ("Samarra", "IRQ"), ("Najaf", "IRQ"),
    ("Karbala", "IRQ"), ("Anbar", "IRQ"), ("Beirut", "LBN"), ("Tyre", "LBN"), ("Sidon", "LBN"),
    ("Baalbek", "LBN"), ("Gaza", "PSE"), ("Gaza Strip", "PSE"), ("Rafah", "PSE"),
    ("Khan Younis", "PSE"), ("Jabalia", "PSE"), ("Jenin", "PSE"), ("Nablus", "PSE"),
    ("Hebron", "PSE"), ("Ramallah", "PSE"), ("West Bank", "PSE"), ("Tel Aviv", "ISR"),
    ("Haifa", "ISR"), ("Sderot", "ISR"), ("Ashkelon", "ISR"), ("Sanaa", "YEM"), ("Aden", "YEM"),
    ("Hodeidah", "YEM"), ("Taiz", "YEM"), ("Marib", "YEM"), ("Tehran", "IRN"), ("Isfahan", "IRN"),
    ("Natanz", "IRN"), ("Bandar Abbas", "IRN"), ("Ankara", "TUR"), ("Istanbul", "TUR"),
    ("Diyarbakir", "TUR"), ("Sinai Peninsula", "EGY"), ("Cairo", "EGY"), ("Riyadh", "SAU"),
    # South and Central Asia
    ("Kabul", "AFG"), ("Kandahar", "AFG"), ("Herat", "AFG"), ("Kunduz", "AFG"),
    ("Jalalabad", "AFG"), ("Lashkar Gah", "AFG"), ("Mazar-i-Sharif", "AFG"), ("Ghazni", "AFG"),
    ("Helmand", "AFG"), ("Islamabad", "PAK"), ("Karachi", "PAK"), ("Lahore", "PAK"),
    ("Peshawar", "PAK"), ("Quetta", "PAK"), ("Rawalpindi", "PAK"), ("Miranshah", "PAK"),
    ("Balakot", "PAK"), ("Balochistan", "PAK"), ("Waziristan", "PAK"), ("New Delhi", "IND"),
    ("Mumbai", "IND"), ("Srinagar", "IND"), ("Pulwama", "IND"), ("Kashmir", "IND"),
    ("Dhaka", "BGD"), ("Cox's Bazar", "BGD"), ("Colombo", "LKA"),
    # Africa
    ("Maiduguri", "NGA"), ("Abuja", "NGA"), ("Lagos", "NGA"), ("Mogadishu", "SOM"),
    ("Kismayo", "SOM"), ("Khartoum", "SDN"), ("Omdurman", "SDN"), ("El Fasher", "SDN"),
    ("Nyala", "SDN"), ("Darfur", "SDN"), ("Juba", "SSD"), ("Goma", "COD"), ("Bunia", "COD"),
    ("Benghazi", "LBY"), ("Misrata", "LBY"), ("Sirte", "LBY"), ("Derna", "LBY"),
    ("Bamako", "MLI"), ("Gao", "MLI"), ("Timbuktu", "MLI"), ("Kidal", "MLI"),
    ("Ouagadougou", "BFA"), ("Niamey", "NER"), ("Mekelle", "ETH"), ("Tigray", "ETH"),
    ("Addis Ababa", "ETH"), ("Asmara", "ERI"), ("Bangui", "CAF"),
    # East and Southeast Asia
    ("Beijing", "CHN"), ("Xinjiang", "CHN"), ("Hong Kong", "HKG"), ("Taipei", "TWN"),
    ("Pyongyang", "PRK"), ("Seoul", "KOR"), ("Tokyo", "JPN"), ("Manila", "PHL"),
    ("Marawi", "PHL"), ("Yangon", "MMR"), ("Naypyidaw", "MMR"), ("Sittwe", "MMR"),
    # Europe, Caucasus and the Americas
    ("Paris", "FRA"), ("Brussels", "BEL"), ("Berlin", "DEU"), ("London", "GBR"),
    ("Minsk", "BLR"), ("Tbilisi", "GEO"), ("Yerevan", "ARM"), ("Baku", "AZE"),
    ("Nagorno-Karabakh", "AZE"), ("Pristina", "XKX"), ("Belgrade", "SRB"),
    ("Washington", "USA"), ("Caracas", "VEN"), ("Bogota", "COL"), ("Havana", "CUB"),
    ("Mexico City", "MEX"), ("Culiacan", "MEX"), ("Port-au-Prince", "HTI"),
)


def measure(min_population: int) -> dict:
    """Build one gazetteer and score it on NEWS_PLACES (run inside a fresh process)."""
    from eventwire.context import gazetteer as module

    countries = module._load_countries()  # loaded first so only the gazetteer's own cost is timed
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    gaz = module.build_gazetteer(min_population, countries=countries)
    seconds = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wrong, missing = [], []
    for name, iso3 in NEWS_PLACES:
        place = gaz.lookup(name)
        if place is None:
            missing.append(name)
        elif place.country != iso3:
            wrong.append(f"{name}->{place.country}")
    start = time.perf_counter()
    for _ in range(20):
        for name, _iso3 in NEWS_PLACES:
            gaz.lookup(name)
    per_lookup = (time.perf_counter() - start) / (20 * len(NEWS_PLACES))
    return {
        "min_population": min_population, "names": len(gaz), "build_s": round(seconds, 3),
        "peak_rss_mb": round((rss_after - rss_before) / 1024), "lookup_us": round(per_lookup * 1e6, 1),
        "correct": len(NEWS_PLACES) - len(wrong) - len(missing), "total": len(NEWS_PLACES),
        "wrong": wrong, "missing": missing,
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        sys.stdout.write(json.dumps(measure(int(argv[1]))) + "\n")
        return
    thresholds = [int(a) for a in argv] or [15000, 5000, 1000]
    sys.stdout.write(f"{len(NEWS_PLACES)} news place names, no context\n")
    sys.stdout.write(f"{'min pop':>8} {'names':>8} {'build s':>8} {'+RSS MB':>8} {'lookup us':>9} "
                     f"{'correct':>8}\n")
    for threshold in thresholds:
        out = subprocess.run([sys.executable, __file__, "--one", str(threshold)], check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out)
        sys.stdout.write(f"{r['min_population']:>8} {r['names']:>8} {r['build_s']:>8} "
                         f"{r['peak_rss_mb']:>8} {r['lookup_us']:>9} "
                         f"{r['correct']:>4}/{r['total']}\n")
        sys.stdout.write(f"{'':>9}wrong: {', '.join(r['wrong']) or '-'}\n")
        sys.stdout.write(f"{'':>9}missing: {', '.join(r['missing']) or '-'}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
