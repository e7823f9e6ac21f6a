package net.websocket.itest.interop;

import net.websocket.itest.support.InteropMatrix;

/**
 * Headless Chromium against our servers with no extensions: the browser's permessage-deflate offer is declined and
 * every message crosses uncompressed.
 */
@InteropMatrix.Row(value = InteropMatrix.CHROMIUM, notApplicable = InteropMatrix.DEFLATE_OFF)
class ChromiumInteropTest extends ChromiumContract {

    @Override
    boolean compressed() {
        return false;
    }
}
