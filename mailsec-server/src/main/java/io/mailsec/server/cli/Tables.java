package io.mailsec.server.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables for terminal output: the first row is the header, columns padded. */
final class Tables {
  private Tables() {}

  static void print(PrintWriter out, List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], cell(row, c).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = cell(row, c);
        line.append(cell);
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - cell.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  private static String cell(List<String> row, int column) {
    String value = row.get(column);
    return value == null ? "" : value;
  }
}
