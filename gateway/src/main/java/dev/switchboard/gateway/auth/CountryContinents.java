package dev.switchboard.gateway.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps ISO 3166-1 alpha-2 country codes to continents, following the UN M49 geoscheme (Cyprus,
 * Turkey and the Caucasus in Asia; Caribbean and Central America in North America). The study
 * derives geography from the key's billing country, so this table is its only source.
 */
public final class CountryContinents {
  private static final Map<String, String> CONTINENT_BY_COUNTRY = new HashMap<>();

  static {
    add("Africa",
        "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG"
            + " MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW"
            + " IO TF");
    add("Antarctica", "AQ");
    add("Asia",
        "AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MO MY MV MN MM NP"
            + " KP OM PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE");
    add("Europe",
        "AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE LV LI LT LU"
            + " MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB");
    add("North America",
        "AI AG AW BS BB BZ BM BQ VG CA KY CR CU CW DM DO SV GL GD GP GT HT HN JM MQ MX MS NI PA PR"
            + " BL KN LC MF PM VC SX TT TC US VI");
    add("South America", "AR BO BR CL CO EC FK GF GY PY PE SR UY VE BV GS");
    add("Oceania",
        "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF HM CX CC");
  }

  private CountryContinents() {}

  private static void add(String continent, String countries) {
    for (String code : countries.split(" ")) {
      if (CONTINENT_BY_COUNTRY.put(code, continent) != null) {
        throw new IllegalStateException("country listed twice: " + code);
      }
    }
  }

  /** Returns the continent of {@code country} (upper-case alpha-2), or null when unknown or null. */
  public static String continentOf(String country) {
    return country == null ? null : CONTINENT_BY_COUNTRY.get(country);
  }

  /** Returns whether {@code country} is a known alpha-2 code (upper case). */
  public static boolean isCountry(String country) {
    return country != null && CONTINENT_BY_COUNTRY.containsKey(country);
  }

  /** Returns every mapped country code. */
  static Set<String> countries() {
    return Set.copyOf(CONTINENT_BY_COUNTRY.keySet());
  }
}
