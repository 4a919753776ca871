package io.mailsec.simulator.data;

import java.util.List;

/**
 * Realistic values for generated mail traffic. Company and brand names are fictional (Microsoft's
 * sample-company domains and invented senders); IP addresses come from the ranges that public GeoIP
 * test databases use, so enrichment in tests resolves them; Mimecast vocabularies follow
 * mimecast-api.md.
 */
final class Vocabulary {
  private Vocabulary() {}

  static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  static final List<String> TENANT_DOMAINS =
      List.of(
          "contoso.com",
          "fabrikam.com",
          "northwindtraders.com",
          "tailspintoys.com",
          "wingtiptoys.com",
          "adventure-works.com",
          "litwareinc.com",
          "woodgrovebank.com");

  static final List<String> TENANT_ZONES =
      List.of("Europe/London", "Europe/Berlin", "Africa/Johannesburg", "Europe/Amsterdam");

  static final List<String> FIRST_NAMES =
      List.of(
          "James",
          "Maria",
          "Robert",
          "Aisha",
          "Chen",
          "Olivia",
          "Mateo",
          "Priya",
          "Lukas",
          "Fatima",
          "Noah",
          "Sofia",
          "Liam",
          "Hannah",
          "Kenji",
          "Zanele",
          "Ethan",
          "Chloe",
          "Omar",
          "Ingrid",
          "Daniel",
          "Veronica",
          "Thomas",
          "Amelia",
          "Samuel",
          "Grace",
          "Felix",
          "Leila",
          "Oscar",
          "Nadia");

  static final List<String> LAST_NAMES =
      List.of(
          "Smith",
          "Garcia",
          "Mueller",
          "Okafor",
          "Wang",
          "Johnson",
          "Rossi",
          "Patel",
          "Schmidt",
          "Haddad",
          "Brown",
          "Silva",
          "Nielsen",
          "Dubois",
          "Tanaka",
          "Dlamini",
          "Walker",
          "Espinoza",
          "Khan",
          "Larsen",
          "Murphy",
          "Novak",
          "Bentz",
          "Fischer",
          "Moreau",
          "Kowalski",
          "Evans",
          "Bakker");

  static final List<String> ROLE_MAILBOXES =
      List.of("finance", "accounts.payable", "hr", "it.support", "sales", "info", "payroll");

  static final List<String> BENIGN_SENDER_DOMAINS =
      List.of(
          "mail.bluefinsupply.com",
          "newsletter.cloudmetrics.io",
          "notifications.projecthub.app",
          "billing.northridge-energy.com",
          "news.harborfreightlines.com",
          "updates.peakpayroll.com",
          "alerts.skylineinsurance.com",
          "mailer.greenleafcatering.co.uk",
          "info.meridian-logistics.de",
          "team.quillcalendar.com",
          "ship.parcelwise.net",
          "corp.ostrander-legal.com");

  static final List<String> MALICIOUS_SENDER_DOMAINS =
      List.of(
          "secure-docshare.top",
          "invoice-portal.xyz",
          "account-verify-center.info",
          "payroll-update-hr.com",
          "m1crosoft-login.net",
          "shipment-notice.click",
          "dropbox-sharedfiles.site");

  static final List<String> BENIGN_SUBJECTS =
      List.of(
          "Quarterly report draft",
          "Re: Project timeline update",
          "Your invoice for October",
          "Meeting notes - product sync",
          "Fw: Updated contract terms",
          "Team lunch on Friday",
          "Shipping confirmation #48213",
          "Weekly newsletter: industry updates",
          "Re: Re: budget approval",
          "Reminder: timesheets due today",
          "Welcome to the customer portal",
          "25% Off Tees to Give During Early Gifting Sale",
          "Agenda for Monday's workshop",
          "Your subscription renewal",
          "Re: candidate interview schedule",
          "Office closure notice");

  static final List<String> PHISHING_SUBJECTS =
      List.of(
          "Action required: verify your mailbox",
          "Urgent wire transfer request",
          "Invoice overdue - payment needed today",
          "Your password expires in 24 hours",
          "Shared document: Q4 salary adjustments",
          "Important Updated Numbers from the Center for Disease Control",
          "Transaction notice",
          "Requested File",
          "DocuSign: please review and sign");

  static final List<String> SPAM_SUBJECTS =
      List.of(
          "You have won a $500 gift card",
          "Exclusive investment opportunity - 40% returns",
          "Lowest prices on printer ink",
          "Re: your account (final notice)",
          "Limited offer: claim your tax refund");

  static final List<String> NDR_SUBJECTS =
      List.of(
          "Undeliverable: Quarterly report draft",
          "Delivery Status Notification (Failure)",
          "Mail delivery failed: returning message to sender");

  static final List<String> BENIGN_URLS =
      List.of(
          "https://www.cloudmetrics.io/blog/2024/observability-trends",
          "https://portal.projecthub.app/tasks/8841",
          "https://www.harborfreightlines.com/track?id=HF77120",
          "https://billing.northridge-energy.com/invoices/10023",
          "https://www.nflshop.example/how-can-i-contact-customer-service/ch-2244",
          "https://docs.quillcalendar.com/share/meeting-notes",
          "https://www.skylineinsurance.com/policy/renewal",
          "https://parcelwise.net/p/3F9K2",
          "https://www.linkedin.example/feed/update/urn:li:activity:7011",
          "https://intranet-news.peakpayroll.com/article/555");

  static final List<String> MALICIOUS_URLS =
      List.of(
          "https://secure-docshare.top/login/",
          "http://invoice-portal.xyz/pay/INV-2291.html",
          "https://account-verify-center.info/o365/auth",
          "http://m1crosoft-login.net/common/oauth2",
          "https://shipment-notice.click/dl/label.exe",
          "https://dropbox-sharedfiles.site/s/quote.zip");

  static boolean isMaliciousUrl(String url) {
    return MALICIOUS_URLS.contains(url);
  }

  static final List<String> BENIGN_URL_CATEGORIES =
      List.of("Business", "Search Engines & Portals", "Information Technology", "Shopping", "News");

  static final List<String> MALICIOUS_URL_CATEGORIES =
      List.of("Phishing & Fraud", "Compromised", "Malware", "Dangerous file extension");

  /** Benign attachment names paired with their MIME type. */
  static final List<String[]> BENIGN_FILES =
      List.of(
          new String[] {"numbers.pdf", "application/pdf"},
          new String[] {"Q3-report.docx", DOCX},
          new String[] {"budget-2025.xlsx", XLSX},
          new String[] {"meeting-notes.pdf", "application/pdf"},
          new String[] {"photo_0412.png", "image/png"},
          new String[] {"contract_v2.docx", DOCX},
          new String[] {"logo.jpg", "image/jpeg"},
          new String[] {"timesheet.xlsx", XLSX},
          new String[] {"brochure.pdf", "application/pdf"},
          new String[] {"archive.zip", "application/zip"});

  /** Malicious attachment names, MIME types and the AV signature Mimecast would report. */
  static final List<String[]> MALICIOUS_FILES =
      List.of(
          new String[] {
            "invoice_2291.xlsm",
            "application/vnd.ms-excel.sheet.macroEnabled.12",
            "Anomali:Phishing"
          },
          new String[] {"zero-day.pdf", "application/pdf", "Sandbox:Malicious.PDF"},
          new String[] {"label.exe", "application/x-msdownload", "Trojan.GenericKD.4721"},
          new String[] {"quote.zip", "application/zip", "Heur.Downloader.Agent"},
          new String[] {"scan_0093.html", "text/html", "HTML.Phishing.Credential"},
          new String[] {
            "payment-advice.docm",
            "application/vnd.ms-word.document.macroEnabled.12",
            "VBA.Dropper.Emotet"
          },
          new String[] {"statement.iso", "application/x-iso9660-image", "Trojan.ISO.Qakbot"});

  /** Public sending IPs (GeoIP test ranges). */
  static final List<String> EXTERNAL_IP_PREFIXES =
      List.of("81.2.69.", "67.43.156.", "175.16.199.", "89.160.20.", "216.160.83.", "2.125.160.");

  static final List<String> MALICIOUS_IP_PREFIXES = List.of("175.16.199.", "67.43.156.");

  static final List<String> TLS_VERSIONS = List.of("TLSv1.2", "TLSv1.3", "TLSv1.3", "TLSv1.2");

  static final List<String> TLS12_CIPHERS =
      List.of(
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");

  static final List<String> TLS13_CIPHERS =
      List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");

  static final List<String> INBOUND_ROUTES =
      List.of("Office 365 Inbound Routing Policy Definition", "Office365", "Default Inbound Route");

  static final List<String> OUTBOUND_ROUTES = List.of("MX", "Default Outbound Route");

  static final List<String> IMPERSONATION_IDENTIFIERS =
      List.of(
          "internal_user_name",
          "newly_observed_domain",
          "reply_address_mismatch",
          "targeted_threat_dictionary",
          "similar_internal_domain",
          "custom_name_list");

  static final List<String> THREAT_DICTIONARY =
      List.of("wire transfer", "urgent", "who", "payment");

  static final List<String> SANDBOX_DEFINITIONS =
      List.of(
          "Inbound - Safe file with On-Demand Sandbox",
          "Default Inbound Attachment Protect Definition");

  static final List<String> URL_DEFINITIONS =
      List.of("Inbound URL 'Aggressive'", "Default Inbound URL Protect Definition");

  static final List<String> DELIVERY_HOSTS =
      List.of(
          "mail.protection.outlook.com",
          "mx1.partner-mail.net",
          "smtp.gateway.example.net",
          "aspmx.l.mailhost.example");

  static final List<String> USER_AGENTS_APPS =
      List.of(
          "Administration Console", "Mimecast for Outlook", "Mimecast Mobile", "Personal Portal");

  /** Content examination (DLP) policies; the first is the name Mimecast's docs show. */
  static final List<String> DLP_POLICIES =
      List.of(
          "Content Inspection - Watermark",
          "Content Examination - Credit Card Numbers",
          "Content Examination - Confidential Keywords",
          "Content Examination - Personal Data (GDPR)");

  static final List<String> POLICY_NAMES =
      List.of(
          "Anti-Spoofing",
          "Attachment Protect",
          "URL Protect",
          "Impersonation Protect",
          "Permitted Senders",
          "Blocked Senders",
          "DNS Authentication - Inbound");

  static final List<String> API_APPLICATION_NAMES =
      List.of("SIEM Collector", "mailsec", "SOAR Integration", "Backup Exporter");
}
