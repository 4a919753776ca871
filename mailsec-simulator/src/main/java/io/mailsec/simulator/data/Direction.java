package io.mailsec.simulator.data;

/** Mail flow direction as Mimecast reports it (SIEM {@code Dir}, TTP {@code route}). */
public enum Direction {
  INBOUND("Inbound", "inbound"),
  OUTBOUND("Outbound", "outbound"),
  INTERNAL("Internal", "internal");

  private final String siemName;
  private final String ttpRoute;

  Direction(String siemName, String ttpRoute) {
    this.siemName = siemName;
    this.ttpRoute = ttpRoute;
  }

  /** {@code Inbound}, {@code Outbound}, {@code Internal}: SIEM {@code Dir}/{@code direction}. */
  public String siemName() {
    return siemName;
  }

  /** Lower-case route used by TTP logs and the TTP {@code route} filter. */
  public String ttpRoute() {
    return ttpRoute;
  }
}
