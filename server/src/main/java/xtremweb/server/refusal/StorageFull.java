package xtremweb.server.refusal;

/** The bytes cannot be kept: the disk is full or unwritable, or the owner's quota is used up. */
public final class StorageFull extends Refusal {
    private static final long serialVersionUID = 1L;

    public StorageFull(String detail) {
        super("storage-full", detail);
    }

    public StorageFull(String code, String detail) {
        super(code, detail);
    }
}
