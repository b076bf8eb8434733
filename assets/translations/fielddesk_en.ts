<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_IN">
<context>
    <name>DashboardPage</name>
    <message numerus="yes">
        <source>%1, %2 days left</source>
        <translation>
            <numerusform>%1, %2 day left</numerusform>
            <numerusform>%1, %2 days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 disposals</source>
        <translation>
            <numerusform>%1 · %2 disposal</numerusform>
            <numerusform>%1 · %2 disposals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 participants</source>
        <translation>
            <numerusform>%1 participant</numerusform>
            <numerusform>%1 participants</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message numerus="yes">
        <source>%1 new photos</source>
        <translation>
            <numerusform>%1 new photo</numerusform>
            <numerusform>%1 new photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 files</source>
        <translation>
            <numerusform>%1 file</numerusform>
            <numerusform>%1 files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%1 · %2 days left</source>
        <translation>
            <numerusform>%1 · %2 day left</numerusform>
            <numerusform>%1 · %2 days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message numerus="yes">
        <source>%1 file(s) were not attached:</source>
        <translation>
            <numerusform>%1 file was not attached:</numerusform>
            <numerusform>%1 files were not attached:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message numerus="yes">
        <source>Saved %1 figure(s) for %2.</source>
        <translation>
            <numerusform>Saved %1 figure for %2.</numerusform>
            <numerusform>Saved %1 figures for %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message numerus="yes">
        <source>%1 record(s)</source>
        <translation>
            <numerusform>%1 record</numerusform>
            <numerusform>%1 records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message numerus="yes">
        <source>Saved %1 target(s).</source>
        <translation>
            <numerusform>Saved %1 target.</numerusform>
            <numerusform>Saved %1 targets.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplatePage</name>
    <message numerus="yes">
        <source>%1 indicators</source>
        <translation>
            <numerusform>%1 indicator</numerusform>
            <numerusform>%1 indicators</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of them with targets:</source>
        <translation>
            <numerusform>%1 of them with a target:</numerusform>
            <numerusform>%1 of them with targets:</numerusform>
        </translation>
    </message>
</context>
</TS>
