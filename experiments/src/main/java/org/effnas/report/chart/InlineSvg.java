package org.effnas.report.chart;

/**
 * An SVG document made fit to sit inside an HTML page beside other charts: no XML prolog or
 * doctype, every {@code id} (clip paths) prefixed with the chart's name so two charts never share
 * one, and scaled to the page width by its view box.
 */
public final class InlineSvg {

    private InlineSvg() {
    }

    public static String of(String svgDocument, String prefix) {
        int start = svgDocument.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException("not an SVG document");
        }
        String svg = svgDocument.substring(start).trim();
        svg = svg.replace("id=\"", "id=\"" + prefix + "-").replace("url(#", "url(#" + prefix + "-")
                .replace("href=\"#", "href=\"#" + prefix + "-");
        int tagEnd = svg.indexOf('>');
        String open = svg.substring(0, tagEnd);
        String width = attribute(open, "width");
        String height = attribute(open, "height");
        if (width != null && height != null && !open.contains("viewBox")) {
            open = open + " viewBox=\"0 0 " + number(width) + " " + number(height) + "\"";
        }
        open = open.replaceFirst(" width=\"[^\"]*\"", " width=\"100%\"").replaceFirst(" height=\"[^\"]*\"", "");
        return open + " role=\"img\"" + svg.substring(tagEnd);
    }

    private static String attribute(String tag, String name) {
        int i = tag.indexOf(" " + name + "=\"");
        if (i < 0) {
            return null;
        }
        int from = i + name.length() + 3;
        return tag.substring(from, tag.indexOf('"', from));
    }

    private static String number(String length) {
        return length.replaceAll("[a-z]+$", "");
    }
}
