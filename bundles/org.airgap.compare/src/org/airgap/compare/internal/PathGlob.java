package org.airgap.compare.internal;

import java.util.regex.Pattern;

/**
 * The globs of {@link org.airgap.model.IgnoreRule#pathGlob()}: {@code *} within a segment, {@code **}
 * across segments ({@code **}{@code /} also matches no folder at all), {@code ?} one character; anything
 * else literally.
 */
final class PathGlob {

    private PathGlob() {
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                if (i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                    regex.append("(?:.*/)?");
                    i += 3;
                } else {
                    regex.append(".*");
                    i += 2;
                }
            } else if (c == '*') {
                regex.append("[^/]*");
                i++;
            } else if (c == '?') {
                regex.append("[^/]");
                i++;
            } else {
                int start = i;
                while (i < glob.length() && glob.charAt(i) != '*' && glob.charAt(i) != '?') {
                    i++;
                }
                regex.append(Pattern.quote(glob.substring(start, i)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
