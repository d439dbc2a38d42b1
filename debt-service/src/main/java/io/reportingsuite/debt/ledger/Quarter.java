package io.reportingsuite.debt.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter, written {@code YYYYQn} as in the XSD's {@code Quarter}. Ordered by time. */
public record Quarter(int year, int number) implements Comparable<Quarter> {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{4})Q([1-4])");

    public Quarter {
        if (number < 1 || number > 4 || year < 1000 || year > 9999) {
            throw new IllegalArgumentException("A quarter is YYYYQn with n from 1 to 4.");
        }
    }

    /** Parses {@code YYYYQn}; throws {@link IllegalArgumentException} otherwise. */
    public static Quarter parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("A quarter is written YYYYQn with n from 1 to 4, e.g. 2026Q2.");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The quarter containing the date. */
    public static Quarter of(LocalDate date) {
        return new Quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (number - 1) * 3 + 1, 1);
    }

    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    /** The legal due date when none was set: the last day of the month after the quarter (SPEC §6.3). */
    public LocalDate defaultDueDate() {
        return YearMonth.from(lastDay()).plusMonths(1).atEndOfMonth();
    }

    public Quarter previous() {
        return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
    }

    public Quarter next() {
        return number == 4 ? new Quarter(year + 1, 1) : new Quarter(year, number + 1);
    }

    @Override
    public int compareTo(Quarter o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(number, o.number);
    }

    public boolean isAfter(Quarter o) {
        return compareTo(o) > 0;
    }

    @Override
    public String toString() {
        return year + "Q" + number;
    }
}
