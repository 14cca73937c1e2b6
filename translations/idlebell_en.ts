<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>session::ImapSession</name>
    <message numerus="yes">
        <location filename="../src/session/ImapSession.cpp" line="+1113"/>
        <source>The server refused IDLE; checking every %n second(s)</source>
        <translation>
            <numerusform>The server refused IDLE; checking every %n second</numerusform>
            <numerusform>The server refused IDLE; checking every %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Checking every %n second(s)</source>
        <translation>
            <numerusform>Checking every %n second</numerusform>
            <numerusform>Checking every %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::AccountDialog</name>
    <message numerus="yes">
        <location filename="../src/ui/AccountDialog.cpp" line="+842"/>
        <source>If the server cannot push new mail, Idlebell checks every %n minutes.</source>
        <translation>
            <numerusform>If the server cannot push new mail, Idlebell checks every %n minute.</numerusform>
            <numerusform>If the server cannot push new mail, Idlebell checks every %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+311"/>
        <source>This account is set to check every %n minutes instead.</source>
        <translation>
            <numerusform>This account is set to check every %n minute instead.</numerusform>
            <numerusform>This account is set to check every %n minutes instead.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Connected, but the server cannot push new mail: Idlebell will check every %n minutes.</source>
        <translation>
            <numerusform>Connected, but the server cannot push new mail: Idlebell will check every %n minute.</numerusform>
            <numerusform>Connected, but the server cannot push new mail: Idlebell will check every %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>It has %n folders.</source>
        <translation>
            <numerusform>It has %n folder.</numerusform>
            <numerusform>It has %n folders.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::Notifier</name>
    <message numerus="yes">
        <location filename="../src/ui/Notifier.cpp" line="+679"/>
        <location line="+5"/>
        <source>%n new messages</source>
        <translation>
            <numerusform>%n new message</numerusform>
            <numerusform>%n new messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n new messages in %1</source>
        <translation>
            <numerusform>%n new message in %1</numerusform>
            <numerusform>%n new messages in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ui::TrayController</name>
    <message numerus="yes">
        <location filename="../src/ui/TrayController.cpp" line="+332"/>
        <source>Polling every %n min</source>
        <translation>
            <numerusform>Polling every %n min</numerusform>
            <numerusform>Polling every %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>checking every %n minutes (no IDLE)</source>
        <translation>
            <numerusform>checking every %n minute (no IDLE)</numerusform>
            <numerusform>checking every %n minutes (no IDLE)</numerusform>
        </translation>
    </message>
</context>
</TS>
