package dev.wirewatch.classify;

/**
 * Fixture articles written for these tests. The two "seed-like" ones restate the facts of the project's example
 * articles (/work/shared/seeds) in new words; the others are invented to exercise one rule each.
 */
public final class Articles {

  private Articles() {
  }

  /** China–U.S. dialogue held in Washington on 23–24 July 2012, datelined July 25, filed 19:31 GMT. */
  public static ArticleInput usDialogue2012() {
    return new ArticleInput("xinhua-us-2012", "xinhua", "https://www.xinhuanet.com/english/2012-07/25/c_1.htm",
        "Beijing, Washington to keep up exchanges on rights", "2012-07-25T19:31:52Z", "WASHINGTON, July 25 (Xinhua)", "en",
        """
        WASHINGTON, July 25 (Xinhua) -- China and the United States will go on talking about human rights as equal partners, \
        members of the Chinese delegation to the latest China-U.S. human rights dialogue told reporters here on Wednesday.

        The two-day session, held on Monday and Tuesday in Washington, D.C., was described by both delegations as frank, open \
        and constructive in a statement issued by the Chinese side.

        Issues on the table included the rule of law, freedom of expression, the role of the media and racial discrimination, \
        the statement said.

        The dialogue was co-chaired by Chen Xu, who heads the Foreign Ministry's Department of International Organizations \
        and Conferences, and Michael Posner, the State Department's assistant secretary in charge of democracy, human rights \
        and labor.

        The two countries had last held such talks in Beijing in April 2011.""");
  }

  /** China–EU dialogue in Chongqing, 13–17 June 2024, told by the spokesperson at a Beijing briefing. */
  public static ArticleInput euDialogue2024() {
    return new ArticleInput("ecns-eu-2024", "ecns", "https://www.ecns.cn/news/politics/2024-06-18/detail-abc.shtml",
        "Spokesperson briefs on exchanges with EU", "2024-06-18T17:05:00+08:00", null, null,
        """
        (ECNS) -- China and the European Union are prepared to look at working together in multilateral settings on \
        economic, social and cultural rights and on the rights of women, children and persons with disabilities, Foreign \
        Ministry spokesperson Lin Jian told a regular briefing in Beijing on Tuesday.

        The latest round of the China-EU Human Rights Dialogue took place in Chongqing from June 13 to 17, Lin said.

        Shen Bo, director general of the Foreign Ministry's Department of International Organizations and Conferences, and \
        Paola Pampaloni, the Asia-Pacific deputy managing director in the European External Action Service, \
        co-chaired the dialogue, while assistant foreign minister Miao Deyu received the EU delegation in Beijing.

        The Chinese side set out its own human rights path and objected to EU reports touching on Xinjiang, Xizang and Hong \
        Kong, calling individual judicial cases internal affairs. It also raised racial discrimination and the treatment \
        of migrants in Europe.

        Both sides called the talks candid and in-depth, Lin said.""");
  }

  /** A white paper on human rights: not a dialogue. */
  public static ArticleInput whitePaper() {
    return new ArticleInput("wp-1", "xinhua", "https://english.news.cn/20240301/wp/c.html",
        "China publishes white paper on human rights progress", "2024-03-01T10:00:00+08:00", "BEIJING, March 1 (Xinhua)", "en",
        """
        BEIJING, March 1 (Xinhua) -- The State Council Information Office on Friday released a white paper describing \
        China's progress in human rights over the past decade.

        The document says China is willing to hold dialogue on human rights with all countries on an equal footing, and \
        lists exchanges held with more than 40 countries.

        It also sets out the country's work on poverty reduction and social security.""");
  }

  /** A UN Human Rights Council session: not a bilateral dialogue. */
  public static ArticleInput humanRightsCouncil() {
    return new ArticleInput("hrc-1", "xinhua", "https://english.news.cn/20240620/hrc/c.html",
        "Chinese envoy speaks at UN Human Rights Council session", "2024-06-20T22:00:00+08:00", "GENEVA, June 20 (Xinhua)", "en",
        """
        GENEVA, June 20 (Xinhua) -- A Chinese envoy on Thursday told the 56th session of the UN Human Rights Council held \
        in Geneva that dialogue on human rights must rest on equality and mutual respect.

        More than 70 countries backed a joint statement delivered on behalf of a group of developing nations.""");
  }

  /** Same round as an announcement on Wednesday and a held report on Friday (invented Swiss round). */
  public static ArticleInput swissAnnouncement() {
    return new ArticleInput("ch-ann", "xinhua", "https://english.news.cn/20250611/ch1/c.html",
        "China, Switzerland to hold human rights talks", "2025-06-11T16:00:00+08:00", "BEIJING, June 11 (Xinhua)", "en",
        """
        BEIJING, June 11 (Xinhua) -- China and Switzerland will hold their 18th round of human rights dialogue in Bern on \
        Friday, a Foreign Ministry spokesperson said on Wednesday.""");
  }

  public static ArticleInput swissHeld() {
    return new ArticleInput("ch-held", "xinhua", "https://english.news.cn/20250614/ch2/c.html",
        "Chinese, Swiss officials exchange views in Bern", "2025-06-14T08:00:00+08:00", "BERN, June 13 (Xinhua)", "en",
        """
        BERN, June 13 (Xinhua) -- Chinese and Swiss diplomats held the 18th round of the China-Switzerland human rights \
        dialogue here on Friday, describing the talks as candid and constructive.

        Director General Ma Lianhe of the Chinese Foreign Ministry and Ambassador Ingrid Solberg Favre co-chaired the \
        meeting.""");
  }
}
