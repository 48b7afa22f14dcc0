package org.robustlab.experiment.report;

/** Escapes text for HTML and builds small HTML fragments. */
public final class Html {

    private Html() {}

    /** Escapes the characters that HTML text and attribute values reserve. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Returns a table row of escaped cells; {@code header} makes them header cells. */
    public static String row(boolean header, String... cells) {
        String tag = header ? "th" : "td";
        StringBuilder row = new StringBuilder("<tr>");
        for (String cell : cells) {
            row.append('<')
                    .append(tag)
                    .append('>')
                    .append(escape(cell))
                    .append("</")
                    .append(tag)
                    .append('>');
        }
        return row.append("</tr>\n").toString();
    }
}
