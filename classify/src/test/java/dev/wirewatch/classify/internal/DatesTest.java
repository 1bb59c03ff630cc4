package dev.wirewatch.classify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatesTest {

  private static Dates.DateMention only(String text, LocalDate ref, boolean future) {
    List<Dates.DateMention> found = Dates.find(text, 0, text.length(), ref, future);
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  @Test
  void weekdaySpanInPastTenseIsTheWeekBeforeTheDateline() {
    // Given a story datelined Wednesday 25 July 2012
    LocalDate ref = LocalDate.of(2012, 7, 25);

    // When
    Dates.DateMention d = only("held on Monday and Tuesday", ref, false);

    // Then
    assertEquals(LocalDate.of(2012, 7, 23), d.from());
    assertEquals(LocalDate.of(2012, 7, 24), d.to());
    assertEquals("on Monday and Tuesday", d.quote());
  }

  @Test
  void dayRangeWithoutYearTakesThePublicationYear() {
    // Given / When
    Dates.DateMention d = only("from June 13 to 17", LocalDate.of(2024, 6, 18), false);

    // Then
    assertEquals(LocalDate.of(2024, 6, 13), d.from());
    assertEquals(LocalDate.of(2024, 6, 17), d.to());
    assertEquals(Dates.Precision.DAY, d.precision());
  }

  @Test
  void fridayInAnAnnouncementIsTheComingFriday() {
    // Given Wednesday 11 June 2025
    LocalDate ref = LocalDate.of(2025, 6, 11);

    // When / Then
    assertEquals(LocalDate.of(2025, 6, 13), only("on Friday", ref, true).from());
    assertEquals(LocalDate.of(2025, 6, 6), only("on Friday", ref, false).from());
  }

  @Test
  void lastWeekIsTheWholePreviousWeekAtWeekPrecision() {
    // Given / When
    Dates.DateMention d = only("last week", LocalDate.of(2024, 6, 19), false);

    // Then
    assertEquals(LocalDate.of(2024, 6, 10), d.from());
    assertEquals(LocalDate.of(2024, 6, 16), d.to());
    assertEquals(Dates.Precision.WEEK, d.precision());
  }

  @Test
  void monthWithLastYearKeepsMonthPrecision() {
    // Given / When
    Dates.DateMention d = only("in April last year", LocalDate.of(2012, 7, 25), false);

    // Then
    assertEquals("2011-04", d.isoAtPrecision());
  }

  @Test
  void decemberEventReportedInJanuaryBelongsToTheOldYear() {
    // Given / When / Then
    assertEquals(LocalDate.of(2023, 12, 28), only("on Dec. 28", LocalDate.of(2024, 1, 3), false).from());
  }

  @Test
  void chineseRangeAndFullDate() {
    // Given / When / Then
    Dates.DateMention range = only("6月13日至17日", LocalDate.of(2024, 6, 18), false);
    assertEquals(LocalDate.of(2024, 6, 13), range.from());
    assertEquals(LocalDate.of(2024, 6, 17), range.to());
    assertEquals(LocalDate.of(2019, 4, 1), only("2019年4月1日", LocalDate.of(2024, 6, 18), false).from());
  }

  @Test
  void impossibleDateIsIgnored() {
    // Given / When / Then
    assertTrue(Dates.find("on February 30", 0, 14, LocalDate.of(2024, 3, 1), false).isEmpty());
  }

  @Test
  void nextWeekdaysStayAheadInAPastTenseSentence() {
    // Given Friday 7 June 2024 and "had been due to take place next Wednesday and Thursday" (not future tense)
    Dates.DateMention d = only("next Wednesday and Thursday", LocalDate.of(2024, 6, 7), false);

    // Then
    assertEquals(LocalDate.of(2024, 6, 12), d.from());
    assertEquals(LocalDate.of(2024, 6, 13), d.to());
  }

  @Test
  void weekdayOfLastWeekIsThatDayInThePreviousCalendarWeek() {
    // Given Tuesday 28 May 2024
    // When / Then
    assertEquals(LocalDate.of(2024, 5, 21), only("on Tuesday last week", LocalDate.of(2024, 5, 28), false).from());
    assertEquals(LocalDate.of(2024, 6, 6), only("on Thursday next week", LocalDate.of(2024, 5, 28), true).from());
  }

  @Test
  void monthAfterForIsAMonth() {
    // Given / When
    Dates.DateMention d = only("planned for May", LocalDate.of(2025, 4, 2), true);

    // Then
    assertEquals(Dates.Precision.MONTH, d.precision());
    assertEquals("2025-05", d.isoAtPrecision());
  }

  @Test
  void chineseMonthWithOrWithoutARelativeYear() {
    // Given / When / Then
    assertEquals("2023-05", only("去年5月", LocalDate.of(2024, 4, 25), false).isoAtPrecision());
    assertEquals("2023-02", only("今年2月", LocalDate.of(2023, 12, 7), false).isoAtPrecision());
    assertEquals("2024-03", only("3月", LocalDate.of(2024, 4, 25), false).isoAtPrecision());
    assertEquals("2020", only("2020年", LocalDate.of(2024, 4, 25), false).isoAtPrecision());
  }

  @Test
  void monthAbbreviationInsideAFullMonthNameIsNoMonthOfItsOwn() {
    // Given "for June 26 and 27": "for Jun" must not win over the day range
    Dates.DateMention d = only("scheduled for June 26 and 27", LocalDate.of(2023, 6, 19), false);

    // Then
    assertEquals(LocalDate.of(2023, 6, 26), d.from());
    assertEquals(LocalDate.of(2023, 6, 27), d.to());
  }
}
