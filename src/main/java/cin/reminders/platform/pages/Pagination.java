package cin.reminders.platform.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A {@code govuk-pagination} for a list shown {@code size} rows a page: pages are numbered from 1 in URLs, the
 * first, the last and the current page's neighbours are listed, gaps are ellipses.
 */
public record Pagination(String previous, String next, List<Item> items, String showing) {

    /** A page number (a link unless it is the current one), or an ellipsis ({@code number} null). */
    public record Item(Integer number, String href, boolean current) {
        public boolean ellipsis() {
            return number == null;
        }
    }

    public boolean needed() {
        return previous != null || next != null;
    }

    /**
     * @param page the current page, from 1
     * @param href the URL of a page number
     */
    public static Pagination of(int page, int size, long total, IntFunction<String> href) {
        int last = (int) Math.max(1, (total + size - 1) / size);
        List<Item> items = new ArrayList<>();
        int previousShown = 0;
        for (int p = 1; p <= last; p++) {
            if (p == 1 || p == last || Math.abs(p - page) <= 1) {
                if (p - previousShown > 1) {
                    items.add(new Item(null, null, false));
                }
                items.add(new Item(p, href.apply(p), p == page));
                previousShown = p;
            }
        }
        long from = total == 0 ? 0 : (long) (page - 1) * size + 1;
        long to = Math.min(total, (long) page * size);
        String showing = total == 0 ? "No obligations match"
                : from > total ? "No obligations on page " + page + " of " + last
                : "Showing " + from + " to " + to + " of " + total;
        return new Pagination(page > 1 ? href.apply(Math.min(page - 1, last)) : null,
                page < last ? href.apply(page + 1) : null, items, showing);
    }
}
