package dev.switchboard.telemetry.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.telemetry.Category;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the reading of the example file: headers, slots, vocabulary lines and errors. */
class CategoryExamplesTest {

  @Test
  void slotsExpandIntoVariantsWithValuesFromTheirList() {
    List<CategoryExamples.Example> examples = CategoryExamples.parse(List.of(
        "@slot lang: Go | Rust | Zig",
        "[Programming]",
        "write {lang} code",
        "plain line with {{char}} braces"));
    assertThat(examples).hasSizeGreaterThan(3);
    assertThat(examples.subList(0, examples.size() - 1))
        .allSatisfy(e -> assertThat(e.text()).matches("write (Go|Rust|Zig) code"));
    assertThat(examples).extracting(CategoryExamples.Example::text)
        .contains("write Go code", "write Rust code", "write Zig code")
        .endsWith("plain line with {{char}} braces");
    assertThat(examples).allSatisfy(e -> assertThat(e.category()).isEqualTo(Category.PROGRAMMING));
  }

  @Test
  void theVariantsOfOneTemplateLineWeighAsOneExample() {
    List<CategoryExamples.Example> examples = CategoryExamples.parse(List.of(
        "@slot x: alpha | beta", "[Programming]", "compile {x}", "plain line"));
    assertThat(examples).filteredOn(e -> e.text().startsWith("compile"))
        .hasSizeGreaterThan(1)
        .allSatisfy(e -> assertThat(e.weight()).isLessThan(1.0));
    assertThat(examples.stream().filter(e -> e.text().startsWith("compile")).mapToDouble(CategoryExamples.Example::weight).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(examples).filteredOn(e -> e.text().equals("plain line")).singleElement()
        .extracting(CategoryExamples.Example::weight).isEqualTo(1.0);
  }

  @Test
  void aWeightLineScalesTheExamplesAfterIt() {
    List<CategoryExamples.Example> examples = CategoryExamples.parse(List.of(
        "@slot x: alpha | beta", "[Health]", "full weight", "@weight 0.25", "quarter weight", "dose of {x}",
        "@weight 1", "full again"));
    assertThat(examples).filteredOn(e -> e.text().equals("full weight")).singleElement()
        .extracting(CategoryExamples.Example::weight).isEqualTo(1.0);
    assertThat(examples).filteredOn(e -> e.text().equals("quarter weight")).singleElement()
        .extracting(CategoryExamples.Example::weight).isEqualTo(0.25);
    assertThat(examples.stream().filter(e -> e.text().startsWith("dose of")).mapToDouble(CategoryExamples.Example::weight).sum())
        .isCloseTo(0.25, within(1e-9));
    assertThat(examples).filteredOn(e -> e.text().equals("full again")).singleElement()
        .extracting(CategoryExamples.Example::weight).isEqualTo(1.0);
  }

  @Test
  void unknownCategoriesAndHeaderlessLinesAreRejectedWithTheirLine() {
    assertThatThrownBy(() -> CategoryExamples.parse(List.of("[Cooking]", "bake bread")))
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> CategoryExamples.parse(List.of("# note", "an example")))
        .hasMessageContaining("line 2");
  }

  @Test
  void theBundledExamplesCoverEveryCategory() {
    Map<Category, Integer> counts = new EnumMap<>(Category.class);
    CategoryExamples.loadDefault().forEach(e -> counts.merge(e.category(), 1, Integer::sum));
    assertThat(counts).containsOnlyKeys(Category.values());
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(40));
  }
}
