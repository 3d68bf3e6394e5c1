<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ErrorThrottle</name>
    <message numerus="yes">
        <source>%1 (%n more)</source>
        <translation>
            <numerusform>%1 (%n more)</numerusform>
            <numerusform>%1 (%n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message numerus="yes">
        <source>Exported %n messages to %1.</source>
        <translation>
            <numerusform>Exported %n message to %1.</numerusform>
            <numerusform>Exported %n messages to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryStore</name>
    <message numerus="yes">
        <source>%n messages could not be written to the history (%1).</source>
        <translation>
            <numerusform>%n message could not be written to the history (%1).</numerusform>
            <numerusform>%n messages could not be written to the history (%1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IpMsgListenCommand</name>
    <message numerus="yes">
        <source>--timeout came after %n message(s).</source>
        <translation>
            <numerusform>--timeout came after %n message.</numerusform>
            <numerusform>--timeout came after %n messages.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IpMsgOffers</name>
    <message numerus="yes">
        <source>Saved %n item(s) in %1.</source>
        <translation>
            <numerusform>Saved %n item in %1.</numerusform>
            <numerusform>Saved %n items in %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IpMsgPanel</name>
    <message numerus="yes">
        <source>To %1 and %n more:</source>
        <translation>
            <numerusform>To %1 and %n more:</numerusform>
            <numerusform>To %1 and %n more:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>People on the LAN: %n</source>
        <translation>
            <numerusform>People on the LAN: %n</numerusform>
            <numerusform>People on the LAN: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s) ignored</source>
        <translation>
            <numerusform>%n packet ignored</numerusform>
            <numerusform>%n packets ignored</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%n found so far…</source>
        <translation>
            <numerusform>%n found so far…</numerusform>
            <numerusform>%n found so far…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The newest %n matches are shown; make the search narrower to see older ones.</source>
        <translation>
            <numerusform>The newest %n match is shown; make the search narrower to see older ones.</numerusform>
            <numerusform>The newest %n matches are shown; make the search narrower to see older ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found.</source>
        <translation>
            <numerusform>%n found.</numerusform>
            <numerusform>%n found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferList</name>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>%n s left</numerusform>
            <numerusform>%n s left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message numerus="yes">
        <source>udpchat: %n unread</source>
        <translation>
            <numerusform>udpchat: %n unread</numerusform>
            <numerusform>udpchat: %n unread</numerusform>
        </translation>
    </message>
</context>
</TS>
