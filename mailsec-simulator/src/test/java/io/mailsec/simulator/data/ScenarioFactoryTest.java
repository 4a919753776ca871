package io.mailsec.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScenarioFactoryTest {

  @Test
  void lookAlikeDomainsSwapOneCharacterOfTheFirstLabel() {
    assertThat(ScenarioFactory.lookalike("example.com")).isEqualTo("examp1e.com");
    assertThat(ScenarioFactory.lookalike("contoso.com")).isEqualTo("c0ntoso.com");
    assertThat(ScenarioFactory.lookalike("fabrikam.co.uk")).isEqualTo("fabr1kam.co.uk");
    assertThat(ScenarioFactory.lookalike("bank.com")).isEqualTo("banks.com");
  }
}
