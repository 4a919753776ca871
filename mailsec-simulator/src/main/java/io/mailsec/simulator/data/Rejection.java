package io.mailsec.simulator.data;

/** Why Mimecast refused a message or a delivery attempt ({@code RejType/RejCode/RejInfo}). */
public record Rejection(String type, String code, String info) {

  static final Rejection RBL =
      new Rejection("IP Found in RBL", "550", "csi.mimecast.org Poor Reputation Sender.");
  static final Rejection MANUAL =
      new Rejection("Manual Envelope Rejection", "550", "Envelope blocked - User Entry");
  static final Rejection UNKNOWN_RECIPIENT =
      new Rejection(
          "Recipient email address is possibly incorrect",
          "550",
          "5.4.1 Recipient address rejected: Access denied.");
  static final Rejection TEMPORARY =
      new Rejection("Temporary failure", "421", "4.7.0 Try again later, closing connection.");
}
