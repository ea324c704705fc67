package dev.lethe.testsupport;

/**
 * The backend behind datasource {@code flaky} (resources {@code member_notes} and {@code visitor_notes}): the
 * application database through a {@link TcpProxy}, so a test can take it down and bring it back.
 */
public class FlakyBackend {

    private final TcpProxy proxy;

    FlakyBackend(TcpProxy proxy) {
        this.proxy = proxy;
    }

    public void goDown() {
        proxy.cut();
    }

    public void comeBack() {
        proxy.restore();
    }
}
