package besa.vetting.alert;

import java.util.List;

/** One page of the queue and how many alerts match in all (only those the reader may see). */
public record AlertPage(List<AlertRow> items, long total, int page, int size) {
    public AlertPage {
        items = List.copyOf(items);
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
