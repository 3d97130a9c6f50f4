package org.airgap.client.forms.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.airgap.model.JobOptions;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * A job's options (docs/formats.md, "job") as fields of the editor's grid, checked as the server checks them: by
 * building {@link JobOptions}, whose constructor refuses what an import or {@code airgap admin jobs} refuses.
 * Ignore rules and gentle mode are not edited here and keep their values.
 */
public final class JobOptionsFields {

    private final JobOptions initial;
    private final Text maxAttempts;
    private final Text pause;
    private final Text warnAge;
    private final Button automatic;
    private final Text includes;
    private final Text excludes;
    private final Map<String, ProblemLine> problemLines = new LinkedHashMap<>();
    private JobOptions options;
    private String problem;

    public JobOptionsFields(Composite area, JobOptions initial, Runnable onChange) {
        this.initial = initial;
        maxAttempts = field(area, "Attempts:", "maxAttempts", String.valueOf(initial.maxAttempts()), "at least 1",
                SWT.SINGLE, onChange);
        pause = field(area, "Pause between attempts:", "pauseBetweenAttempts", initial.pauseBetweenAttempts().toString(),
                "e.g. PT30S, or milliseconds; empty: none", SWT.SINGLE, onChange);
        warnAge = field(area, "Warn if backup older than:", "warnIfBackupOlderThan",
                initial.warnIfBackupOlderThan() == null ? "" : initial.warnIfBackupOlderThan().toString(),
                "e.g. PT720H (30 days); empty: no warning", SWT.SINGLE, onChange);
        new Label(area, SWT.NONE);
        automatic = new Button(area, SWT.CHECK);
        automatic.setText(Mnemonics.assign(area, "Create a version of every backup that differs automatically"));
        automatic.setSelection(initial.createVersionAutomatically());
        automatic.setData(FormIds.TEST_ID, "job.option.createVersionAutomatically");
        automatic.addListener(SWT.Selection, event -> onChange.run());
        includes = field(area, "Includes:", "includes", String.join("\n", initial.includes()),
                "globs such as **/*.awl, one a line; empty: everything", SWT.MULTI | SWT.V_SCROLL, onChange);
        excludes = field(area, "Excludes:", "excludes", String.join("\n", initial.excludes()),
                "globs left out, one a line", SWT.MULTI | SWT.V_SCROLL, onChange);
        check();
    }

    private Text field(Composite area, String label, String option, String value, String hint, int style,
            Runnable onChange) {
        new Label(area, SWT.NONE).setText(Mnemonics.assign(area, label));
        Text text = new Text(area, SWT.BORDER | style);
        text.setText(value);
        text.setMessage(hint);
        text.setToolTipText(hint);
        text.setData(FormIds.TEST_ID, "job.option." + option);
        GridDataFactory.fillDefaults().grab(true, false).hint(320, (style & SWT.MULTI) != 0 ? 40 : SWT.DEFAULT)
                .applyTo(text);
        if ((style & SWT.MULTI) != 0) {
            EditorFields.hintBelow(area, hint);
        }
        problemLines.put(option, new ProblemLine(area, text, "job.option." + option));
        text.addListener(SWT.Modify, event -> {
            check();
            onChange.run();
        });
        return text;
    }

    /** Reads the fields into {@link #options()}, or into {@link #problem()} naming the refused option. */
    public void check() {
        String option = "maxAttempts";
        try {
            int attempts = maxAttempts.getText().isBlank() ? 1 : parseInt(maxAttempts.getText().trim());
            option = "pauseBetweenAttempts";
            Duration pauseTime = pause.getText().isBlank() ? Duration.ZERO : duration(pause.getText().trim());
            option = "warnIfBackupOlderThan";
            Duration age = warnAge.getText().isBlank() ? null : duration(warnAge.getText().trim());
            option = null; // the constructor names what it refuses
            options = new JobOptions(attempts, pauseTime, age, automatic.getSelection(), globs(includes),
                    globs(excludes), initial.ignoreRules(), initial.pauseBetweenRequests(), initial.maxBytesPerSecond());
            problem = null;
        } catch (IllegalArgumentException e) {
            options = null;
            problem = option == null ? e.getMessage().replaceFirst("^JobOptions\\.", "")
                    : option + ": " + e.getMessage();
            if (option == null) {
                option = problemLines.keySet().stream().filter(name -> e.getMessage().startsWith("JobOptions." + name))
                        .findFirst().orElse(null);
            }
        }
        String refused = option;
        problemLines.forEach((name, line) -> line.show(name.equals(refused) ? problem : null));
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, not '" + text + "'");
        }
    }

    /** As the driver parameters read durations: ISO-8601 such as PT30S, or milliseconds. */
    static Duration duration(String text) {
        try {
            return text.matches("[0-9]+") ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("must be a duration such as PT30S or a number of milliseconds, not '"
                    + text + "'");
        }
    }

    /** One glob a line (not split at commas: a glob may hold {a,b}); blank lines dropped. */
    private static List<String> globs(Text text) {
        return Arrays.stream(text.getText().split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The options as given; {@code null} while {@link #problem()} says why not. */
    public JobOptions options() {
        return options;
    }

    public String problem() {
        return problem;
    }
}
