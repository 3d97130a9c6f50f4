package org.airgap.store;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Globs on snapshot paths, as jobs use them (include/exclude rules of drivers, ignore rules of the
 * compare): {@code *} within a segment, {@code **} across segments ({@code **}{@code /} also matches no
 * folder at all), {@code ?} one character; anything else literally.
 */
public final class PathGlob {

    private PathGlob() {
    }

    /** The glob as a regular expression over a whole path. */
    public static Pattern compile(String glob) {
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

    /** Whether {@code path} matches {@code glob}. */
    public static boolean matches(String glob, String path) {
        return compile(glob).matcher(path).matches();
    }

    /**
     * Include and exclude globs together: a path is taken when it matches an include (or there are none)
     * and no exclude.
     */
    public record Filter(List<Pattern> includes, List<Pattern> excludes) {

        public static Filter of(List<String> includes, List<String> excludes) {
            return new Filter(includes.stream().map(PathGlob::compile).toList(),
                    excludes.stream().map(PathGlob::compile).toList());
        }

        public boolean accepts(String path) {
            return (includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(path).matches()))
                    && excludes.stream().noneMatch(p -> p.matcher(path).matches());
        }

        /**
         * Whether a folder is left out with everything below it, unread: an exclude matches the folder
         * itself. (Includes cannot prune: a folder they do not take may still hold files they take.)
         */
        public boolean prunes(String folderPath) {
            return excludes.stream().anyMatch(p -> p.matcher(folderPath).matches());
        }
    }
}
