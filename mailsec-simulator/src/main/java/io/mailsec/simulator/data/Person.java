package io.mailsec.simulator.data;

/** A mailbox with its display name, e.g. {@code John Doe <john.doe@contoso.com>}. */
public record Person(String displayName, String address) {

  public String domain() {
    return address.substring(address.indexOf('@') + 1);
  }

  /** The RFC 5322 form used in impersonation results. */
  public String mailbox() {
    return displayName + " <" + address + ">";
  }
}
