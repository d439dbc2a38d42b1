package io.reportingsuite.contracts.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reportingsuite.contracts.eindkomst.CaseSystem;
import io.reportingsuite.contracts.eindkomst.EIndkomstValidator;
import io.reportingsuite.contracts.eindkomst.ValidationOptions;
import io.reportingsuite.contracts.eindkomst.ValidationResult;
import io.reportingsuite.contracts.eindkomst.json.ForsendelseJsonDecoder;
import io.reportingsuite.contracts.finding.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code ValidateCommand FILE [--system KY|KSD] [--id HOVEDINDBERETNINGID] [--advisory] [--json]}: streams an
 * eIndkomst file through the validator, prints each finding as {@link Finding#format()} and a summary.
 * With {@code --json} stdout carries only the decoded JSON form ({@link ForsendelseJsonDecoder}) and the
 * findings, the decoder's D-findings among them, and the summary go to stderr. Exit 0 without errors
 * (warnings allowed), 1 with errors (or a file the JSON form cannot hold), 2 on a usage or I/O problem.
 */
public final class ValidateCommand {

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE_OR_IO = 2;

    private static final String USAGE =
            "usage: ValidateCommand FILE [--system KY|KSD] [--id HOVEDINDBERETNINGID] [--advisory] [--json]";

    private ValidateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command and returns its exit code; never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ValidationOptions options = ValidationOptions.defaults();
        Path file = null;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--advisory" -> options = options.withMode(ValidationOptions.Mode.ADVISORY);
                case "--json" -> json = true;
                case "--system", "--id" -> {
                    if (i + 1 == args.length) {
                        return usage(err, arg + " needs a value.");
                    }
                    String value = args[++i];
                    if (arg.equals("--id")) {
                        options = options.withExpectedHovedIndberetningId(value);
                    } else if (value.equals("KY") || value.equals("KSD")) {
                        options = options.withSystem(CaseSystem.valueOf(value));
                    } else {
                        return usage(err, "--system must be KY or KSD.");
                    }
                }
                default -> {
                    if (arg.startsWith("--") || file != null) {
                        return usage(err, "unexpected argument: " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            return usage(err, "FILE is missing.");
        }
        ValidationResult result;
        ForsendelseJsonDecoder.Decoded decoded = null;
        try (InputStream in = Files.newInputStream(file)) {
            result = EIndkomstValidator.validate(in, options);
            if (json) {
                try (InputStream again = Files.newInputStream(file)) {
                    decoded = ForsendelseJsonDecoder.decode(again);
                }
            }
        } catch (NoSuchFileException e) {
            err.println("error: file not found: " + file);
            return USAGE_OR_IO;
        } catch (IOException e) {
            err.println("error: cannot read " + file + ": " + e.getClass().getSimpleName());
            return USAGE_OR_IO;
        }
        PrintStream report = json ? err : out;
        for (Finding f : result.findings()) {
            report.println(f.format());
        }
        if (decoded != null) {
            for (Finding f : decoded.problems()) {
                report.println(f.format());
            }
            try {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(decoded.document()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree of strings and numbers always serialises", e);
            }
        }
        report.println(result.summary());
        return result.hasErrors() || (decoded != null && !decoded.complete()) ? INVALID : OK;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println(USAGE);
        return USAGE_OR_IO;
    }
}
