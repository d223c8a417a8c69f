package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountryContinentsTest {

  @Test
  void mapsEveryIsoCountryAndNothingElse() {
    Set<String> iso = Set.of(Locale.getISOCountries());

    assertThat(CountryContinents.countries()).containsExactlyInAnyOrderElementsOf(iso);
  }

  @Test
  void followsTheUnGeoscheme() {
    assertThat(CountryContinents.continentOf("US")).isEqualTo("North America");
    assertThat(CountryContinents.continentOf("MX")).isEqualTo("North America");
    assertThat(CountryContinents.continentOf("BR")).isEqualTo("South America");
    assertThat(CountryContinents.continentOf("DE")).isEqualTo("Europe");
    assertThat(CountryContinents.continentOf("RU")).isEqualTo("Europe");
    assertThat(CountryContinents.continentOf("TR")).isEqualTo("Asia");
    assertThat(CountryContinents.continentOf("CN")).isEqualTo("Asia");
    assertThat(CountryContinents.continentOf("TW")).isEqualTo("Asia");
    assertThat(CountryContinents.continentOf("NG")).isEqualTo("Africa");
    assertThat(CountryContinents.continentOf("AU")).isEqualTo("Oceania");
    assertThat(CountryContinents.continentOf("AQ")).isEqualTo("Antarctica");
    assertThat(CountryContinents.continentOf("XX")).isNull();
    assertThat(CountryContinents.continentOf(null)).isNull();
    assertThat(CountryContinents.isCountry("de")).isFalse(); // callers upper-case first
  }
}
