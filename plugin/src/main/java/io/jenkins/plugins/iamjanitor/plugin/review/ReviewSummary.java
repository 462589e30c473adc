package io.jenkins.plugins.iamjanitor.plugin.review;

import io.jenkins.plugins.iamjanitor.core.report.OverviewRow;
import io.jenkins.plugins.iamjanitor.core.report.ReportModel;
import io.jenkins.plugins.iamjanitor.core.report.ReviewReport;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.List;

/**
 * The summary the build's "IAM review" page shows above the decisions: the report's cards (which add up to the users
 * scanned) and its overview table, taken from the core {@link ReportModel} the HTML, Markdown and JSON reports are
 * rendered from, so the page and the archived report agree. Bean getters: Jelly reads properties, not record
 * accessors.
 */
public final class ReviewSummary {
    private final ReportModel model;

    ReviewSummary(ReviewRecord record) {
        this.model = ReportModel.of(record);
    }

    /** A summary number as the page shows it. */
    public static final class Card {
        private final String key;
        private final String label;
        private final int count;

        Card(ReportModel.Card c) {
            this.key = c.key();
            this.label = c.label();
            this.count = c.count();
        }

        public String getKey() {
            return key;
        }

        public String getLabel() {
            return label;
        }

        public int getCount() {
            return count;
        }
    }

    /** One overview row: the user (for the row id) and the cells of {@link ReviewReport#OVERVIEW_HEADERS}. */
    public static final class Row {
        private final String userName;
        private final boolean flagged;
        private final List<String> cells;

        Row(OverviewRow o) {
            this.userName = o.userName();
            this.flagged = o.flagged();
            this.cells = ReviewReport.overviewCells(o);
        }

        public String getUserName() {
            return userName;
        }

        public boolean isFlagged() {
            return flagged;
        }

        public List<String> getCells() {
            return cells;
        }
    }

    public int getUsersScanned() {
        return model.usersScanned();
    }

    /** One card per policy outcome; the counts add up to {@link #getUsersScanned()}. */
    public List<Card> getPopulation() {
        return model.population().stream().map(Card::new).toList();
    }

    /** What the review did: decisions and deletion results. */
    public List<Card> getOutcomes() {
        return model.outcomes().stream().map(Card::new).toList();
    }

    public List<String> getHeaders() {
        return ReviewReport.OVERVIEW_HEADERS;
    }

    public List<Row> getRows() {
        return model.overview().stream().map(Row::new).toList();
    }
}
