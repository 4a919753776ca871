package io.mailsec.simulator.http;

import io.mailsec.simulator.data.SiemType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Parses and encodes the SIEM 2.0 {@code type} filter (a comma-separated list of type names). */
final class SiemTypes {
  private SiemTypes() {}

  /** All types when the parameter is absent; empty when a name is unknown. */
  static Optional<Set<SiemType>> parse(String parameter) {
    if (parameter == null || parameter.isBlank()) {
      return Optional.of(EnumSet.allOf(SiemType.class));
    }
    Set<SiemType> types = EnumSet.noneOf(SiemType.class);
    for (String name : parameter.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      Optional<SiemType> type = SiemType.fromApiName(name);
      if (type.isEmpty()) {
        return Optional.empty();
      }
      types.add(type.get());
    }
    return Optional.of(types.isEmpty() ? EnumSet.allOf(SiemType.class) : types);
  }

  static int mask(Set<SiemType> types) {
    int mask = 0;
    for (SiemType type : types) {
      mask |= 1 << type.ordinal();
    }
    return mask;
  }

  static Set<SiemType> fromMask(int mask) {
    Set<SiemType> types = EnumSet.noneOf(SiemType.class);
    for (SiemType type : SiemType.values()) {
      if ((mask & (1 << type.ordinal())) != 0) {
        types.add(type);
      }
    }
    return types;
  }
}
