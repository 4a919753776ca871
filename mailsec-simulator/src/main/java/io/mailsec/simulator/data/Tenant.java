package io.mailsec.simulator.data;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The simulated Mimecast account: its code, time zone (SIEM 1.0 timestamps carry its offset),
 * domains, users, and the pools of malicious files it and its regional grid see. Derived from the
 * seed only.
 *
 * @param executives the users impersonation attacks pretend to be
 * @param customerMalware files that reach this account (repeating across messages on purpose, so
 *     the threat feed contains the same hash several times)
 * @param gridOnlyMalware files seen elsewhere on the regional grid but never in this account
 */
public record Tenant(
    String accountCode,
    ZoneId zone,
    List<String> internalDomains,
    List<Person> users,
    List<Person> executives,
    List<Person> roleMailboxes,
    List<Attachment> customerMalware,
    List<Attachment> gridOnlyMalware) {

  private static final int USER_COUNT = 60;

  public String primaryDomain() {
    return internalDomains.get(0);
  }

  public static Tenant generate(long seed) {
    Rng rng = Rng.of(seed, 0x7E4A47L);
    String accountCode = "C" + rng.upperAlphanumeric(8);
    ZoneId zone = ZoneId.of(rng.pick(Vocabulary.TENANT_ZONES));
    String primary = rng.pick(Vocabulary.TENANT_DOMAINS);
    String stem = primary.substring(0, primary.lastIndexOf('.'));
    List<String> domains = List.of(primary, stem + ".co.uk");

    Set<String> names = new LinkedHashSet<>();
    while (names.size() < USER_COUNT) {
      names.add(rng.pick(Vocabulary.FIRST_NAMES) + " " + rng.pick(Vocabulary.LAST_NAMES));
    }
    List<Person> users = new ArrayList<>();
    for (String name : names) {
      String local = name.toLowerCase(Locale.ROOT).replace(' ', '.');
      users.add(new Person(name, local + "@" + primary));
    }
    List<Person> roles = new ArrayList<>();
    for (String role : Vocabulary.ROLE_MAILBOXES) {
      roles.add(new Person(role, role + "@" + primary));
    }
    return new Tenant(
        accountCode,
        zone,
        domains,
        List.copyOf(users),
        List.copyOf(users.subList(0, 4)),
        List.copyOf(roles),
        malwarePool(rng, 12),
        malwarePool(rng, 30));
  }

  private static List<Attachment> malwarePool(Rng rng, int size) {
    List<Attachment> pool = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String[] template = Vocabulary.MALICIOUS_FILES.get(i % Vocabulary.MALICIOUS_FILES.size());
      pool.add(Attachment.random(rng, template[0], template[1], template[2]));
    }
    return List.copyOf(pool);
  }
}
