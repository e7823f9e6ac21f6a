# Runs the Autobahn TestSuite's wstest (bundled as Python sources) on Jython.
# usage: wstest_launch.py MODE SPEC.json
# Every socket wstest listens on is bound to the loopback interface only.
import sys, json

# wstest must be imported first: it chooses and installs the Twisted reactor
from autobahntestsuite import wstest
from twisted.internet import reactor
from twisted.python import log

# errors raised inside Twisted callbacks (e.g. while a case records its result) are only visible in this log
log.startLogging(sys.stdout)

_listen_tcp = reactor.listenTCP

def _listen_loopback(port, factory, backlog=50, interface=''):
    return _listen_tcp(port, factory, backlog, '127.0.0.1')

reactor.listenTCP = _listen_loopback

mode = sys.argv[1]
spec = json.load(open(sys.argv[2]))
wstest.start({"mode": mode}, spec)
sys.stdout.flush()
# Jython may keep non-daemon threads alive after the reactor stopped
from java.lang import System
System.exit(0)
