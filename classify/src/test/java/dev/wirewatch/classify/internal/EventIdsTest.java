package dev.wirewatch.classify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  private static Dates.DateMention date(LocalDate from, LocalDate to, Dates.Precision precision) {
    return new Dates.DateMention(0, 1, "x", from, to, precision, false);
  }

  @Test
  void roundDatedToTheDayIsKeyedOnItsStartMonth() {
    // Given a round from 30 June to 1 July
    Dates.DateMention d = date(LocalDate.of(2024, 6, 30), LocalDate.of(2024, 7, 1), Dates.Precision.DAY);

    // When / Then
    assertEquals("cn-eu/human-rights-dialogue/2024-06", EventIds.eventId(List.of("EU"), "dialogue", d, LocalDate.of(2024, 7, 2)));
  }

  @Test
  void relativeWeekIsKeyedOnTheMonthOfItsWednesday() {
    // Given "last week" = Monday 29 July .. Sunday 4 August 2024 (three working days in July)
    Dates.DateMention d = date(LocalDate.of(2024, 7, 29), LocalDate.of(2024, 8, 4), Dates.Precision.WEEK);

    // When / Then
    assertEquals("cn-no/human-rights-dialogue/2024-07", EventIds.eventId(List.of("NO"), "dialogue", d, LocalDate.of(2024, 8, 6)));
  }

  @Test
  void yearOnlyOrNoDateFallsBackToTheStoryMonthAndCodesAreSortedLowerCase() {
    // Given / When / Then
    Dates.DateMention year = date(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), Dates.Precision.YEAR);
    assertEquals("cn-african-union/human-rights-consultation/2024-03",
        EventIds.eventId(List.of("AFRICAN_UNION"), "consultation", year, LocalDate.of(2024, 3, 9)));
    assertEquals("cn-de-fr/human-rights-dialogue/2024-03", EventIds.eventId(List.of("FR", "DE"), "dialogue", null, LocalDate.of(2024, 3, 9)));
    assertEquals("cn-de/human-rights-dialogue/undated", EventIds.eventId(List.of("DE"), "dialogue", null, null));
  }
}
