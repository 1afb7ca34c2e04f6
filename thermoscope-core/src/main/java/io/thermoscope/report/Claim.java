package io.thermoscope.report;

import java.util.List;
import java.util.Map;

/**
 * One claim of the paper, tested: the verdict, the rule that produced it, the numbers behind it and its figures.
 *
 * @param id        short identifier (also the HTML anchor)
 * @param statement the claim in words
 * @param source    where the paper makes it (e.g. "§II, Eqs. 8–12")
 * @param verdict   holds / does not hold / inconclusive
 * @param rule      the decision rule, written out
 * @param evidence  what was measured, one sentence or a short paragraph (plain text)
 * @param numbers   key numbers shown in a table (insertion order kept)
 * @param figures   figures as standalone SVG documents, embedded inline
 */
public record Claim(String id, String statement, String source, Verdict verdict, String rule, String evidence,
                    Map<String, String> numbers, List<Figure> figures) {

    /**
     * An embedded figure.
     *
     * @param caption text under the figure
     * @param svg     the standalone SVG document
     * @param file    relative path of the PNG/SVG files on disk (shown as a link), may be empty
     */
    public record Figure(String caption, String svg, String file) {
    }
}
