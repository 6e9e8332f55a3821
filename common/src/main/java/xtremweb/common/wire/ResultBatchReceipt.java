package xtremweb.common.wire;

import java.util.List;

/**
 * Answer to {@code POST /api/v1/worker/results}: a receipt per result, in the batch's order, and,
 * when the batch asked ({@code next}), the host's next works claimed in the same exchange (null when
 * it did not ask). A batch answered 200 may still hold refused results: read every receipt.
 */
public record ResultBatchReceipt(List<TaskResultReceipt> receipts, WorkResponse next) {
    public ResultBatchReceipt {
        receipts = receipts == null ? List.of() : List.copyOf(receipts);
    }
}
