<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AddFactDialog</name>
    <message>
        <location filename="../../examiner_app/ui/page_dialogs.py" line="+95"/>
        <source>Record a fact from the selected words</source>
        <translation>選択した語句から事実を記録</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source: %1 (%2 words)</source>
        <translation>出典: %1（%2 語）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Optional — e.g. why these words matter; kept in the audit log</source>
        <translation>任意 — 例: この語句が重要な理由。監査ログに保存されます</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The fact is recorded as your finding, with the selected words as its source. It does not need AI suggestions to be on.</source>
        <translation>この事実は、選択した語句を出典として、あなたの確認済みの事実として記録されます。AI による提案がオフでも使えます。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Record fact</source>
        <translation>事実を記録</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A fact needs a value.</source>
        <translation>事実には値が必要です。</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <location filename="../../examiner_app/ui/audit_view.py" line="+141"/>
        <source>Audit log — Examiner Workbench</source>
        <translation>監査ログ — 審査官ワークベンチ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The newest %1 events of the append-only audit log. Each event is chained to the one before it; “Verify chain” checks that none was changed or removed. Opening this view is recorded too.</source>
        <translation>追記専用の監査ログの最新 %1 件のイベントです。各イベントは直前のイベントと連鎖しています。「チェーンを検証」で、変更や削除がないことを確認できます。この画面を開いたことも記録されます。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify chain</source>
        <translation>チェーンを検証</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recompute every event&apos;s hash from the first one and report the first break</source>
        <translation>最初のイベントからすべてのハッシュを再計算し、最初の不整合を報告します</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export JSON Lines…</source>
        <translation>JSON Lines で書き出す…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the whole chain to a file for an external archive (administrators)</source>
        <translation>外部保管用にチェーン全体をファイルへ書き出します（管理者）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 events shown, newest first.</source>
        <translation>%1 件のイベントを新しい順に表示しています。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checking the chain…</source>
        <translation>チェーンを検証中…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>✓ Chain intact: %1 events checked, none changed or missing.</source>
        <translation>✓ チェーンは完全です: %1 件を検証し、変更や欠落はありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>at event %1</source>
        <translation>イベント %1 で</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ Chain broken %1: %2 (%3 events checked). Tell your administrator.</source>
        <translation>⚠ チェーンが壊れています（%1）: %2（%3 件を検証）。管理者に連絡してください。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export the audit log</source>
        <translation>監査ログの書き出し</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exported %1 events to %2.</source>
        <translation>%1 件のイベントを %2 に書き出しました。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location line="-209"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>実行者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>system</source>
        <translation>システム</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../examiner_app/ui/qt_models.py" line="+103"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reference</source>
        <translation>整理番号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Docs</source>
        <translation>文書</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pending</source>
        <translation>未確認</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Case title</source>
        <translation>案件名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case reference</source>
        <translation>案件の整理番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of documents</source>
        <translation>文書の数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggestions not yet reviewed</source>
        <translation>まだ確認していない提案の数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>documents: %1</source>
        <translation>文書: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1
Documents: %2 · suggestions to review: %3</source>
        <translation>%1
文書: %2 · 確認待ちの提案: %3</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <location filename="../../examiner_app/ui/case_list.py" line="+47"/>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New case</source>
        <translation>新規案件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create an empty case (Ctrl+N)</source>
        <translation>空の案件を作成 (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import files…</source>
        <translation>ファイルを取り込む…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add PDFs, scans or text files to the selected case (Ctrl+I)</source>
        <translation>選択中の案件に PDF・スキャン画像・テキストファイルを追加 (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter cases</source>
        <translation>案件を絞り込む</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <location filename="../../examiner_app/ui/workspace.py" line="+191"/>
        <source>Facts to review</source>
        <translation>確認する事実</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>要約</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence by element</source>
        <translation>要素別の証拠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is new</source>
        <translation>新たな点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country information</source>
        <translation>出身国情報</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Similar cases</source>
        <translation>類似案件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested and recorded facts; review keys A, E, R</source>
        <translation>提案された事実と記録済みの事実。確認キー A・E・R</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fact sheet and chronology with sources; export a working note (PDF)</source>
        <translation>出典つきの事実一覧と時系列。作業メモ (PDF) を書き出せます</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the file holds on each element of the Guide, with sources; your reasoning per element</source>
        <translation>ガイドラインの各要素について記録にあるもの（出典つき）と、要素ごとのあなたの検討</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search country reports, see citations, pin excerpts to the case</source>
        <translation>出身国の報告書を検索し、引用を確かめ、抜粋を案件にピン留めします</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cases with similar facts, for consistency, not predictions</source>
        <translation>事実が似ている案件。判断の一貫性のためのもので、予測ではありません</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in as %1: only an examiner can accept, edit or reject facts.</source>
        <translation>%1としてサインイン中: 事実の承認・修正・却下は審査官のみが行えます。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Documents</source>
        <translation>文書</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>No case open</source>
        <translation>案件が開かれていません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a case on the left, or create one and import its files.</source>
        <translation>左の一覧から案件を選ぶか、新しい案件を作成してファイルを取り込んでください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No document open</source>
        <translation>文書が開かれていません</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Loading case…</source>
        <translation>案件を読み込み中…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>documents: %1</source>
        <translation>文書: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>two-month date %1 passed %2 days ago</source>
        <translation>2 か月の期日 %1 から %2 日経過</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two-month date %1 in %2 days</source>
        <translation>2 か月の期日 %1 まであと %2 日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>day %1 since the application</source>
        <translation>申請から %1 日目</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This file could not be read.</source>
        <translation>このファイルは読み取れませんでした。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No pages read yet</source>
        <translation>まだページを読み取っていません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No text has been read from this document yet.</source>
        <translation>この文書からはまだテキストを読み取っていません。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Loading page…</source>
        <translation>ページを読み込み中…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No page image for this document (plain text).</source>
        <translation>この文書にはページ画像がありません（プレーンテキスト）。</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>This fact was entered by hand without a source document.</source>
        <translation>この事実は出典文書なしで手入力されました。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>This fact is already accepted.</source>
        <translation>この事実はすでに承認済みです。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Decisions not recorded</source>
        <translation>判断は記録されませんでした</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Recorded without its source page on screen. Suggestions can be wrong: look at the highlighted words on the page image before you rely on this finding.</source>
        <translation>出典ページを表示しないまま記録しました。提案は誤っていることがあります。この事実に依拠する前に、ページ画像で強調表示された語句を確認してください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Decision not recorded</source>
        <translation>判断は記録されませんでした</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Summary not available</source>
        <translation>要約を表示できません</translation>
    </message>
    <message>
        <location filename="../../examiner_app/ui/workspace_exports.py" line="+64"/>
        <source>Export working note (PDF)</source>
        <translation>作業メモの書き出し (PDF)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+73"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文書 (*.pdf)</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Writing the working note…</source>
        <translation>作業メモを書き出し中…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Working note saved: %1 (%2 pages, signed off).</source>
        <translation>作業メモを保存しました: %1（%2 ページ、承認済み）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Working note saved: %1 (%2 pages, marked draft).</source>
        <translation>作業メモを保存しました: %1（%2 ページ、草稿表示つき）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This export could not be recorded in the audit log.</source>
        <translation>この書き出しは監査ログに記録できませんでした。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Working note not written</source>
        <translation>作業メモを書き出せませんでした</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export record package (PDF + JSON)</source>
        <translation>記録一式の書き出し (PDF + JSON)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Writing the record package…</source>
        <translation>記録一式を書き出し中…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Record package saved: %1 (SHA-256 in the audit log).</source>
        <translation>記録一式を保存しました: %1（SHA-256 は監査ログに記録）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Record package not written</source>
        <translation>記録一式を書き出せませんでした</translation>
    </message>
    <message>
        <location filename="../../examiner_app/ui/workspace.py" line="+14"/>
        <source>Summary signed off by %1; the working note now says so.</source>
        <translation>%1 が要約を承認しました。作業メモにもそのように表示されます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Summary not signed off</source>
        <translation>要約は承認されていません</translation>
    </message>
    <message>
        <location filename="../../examiner_app/ui/workspace_page_actions.py" line="+157"/>
        <source>Recorded: %1 “%2”.</source>
        <translation>記録しました: %1「%2」。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>A page is already being read again; wait for it to finish.</source>
        <translation>別のページを再読み取り中です。終わるまでお待ちください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>page %1 of %2</source>
        <translation>%2 の %1 ページ</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Page %1 read again with %2.</source>
        <translation>%1 ページを %2 で再読み取りしました。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reading the page again was cancelled; the old text is kept.</source>
        <translation>再読み取りを取り消しました。元のテキストはそのままです。</translation>
    </message>
</context>
<context>
    <name>CoiPanel</name>
    <message numerus="yes">
        <location filename="../../examiner_app/ui/coi_panel.py" line="+467"/>
        <source>%n day(s) old</source>
        <translation>
            <numerusform>%n 日前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n month(s) old</source>
        <translation>
            <numerusform>%n か月前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n year(s) old</source>
        <translation>
            <numerusform>%n 年前</numerusform>
        </translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Country information</source>
        <translation>出身国情報</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passages from country-of-origin reports, each with its citation. A match says how well a passage fits the search, nothing about the applicant.</source>
        <translation>出身国情報の報告書の記述を、それぞれ引用つきで示します。一致は記述が検索にどれだけ合うかを示すだけで、申請者については何も示しません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search the reports (any language)…</source>
        <translation>報告書を検索（どの言語でも可）…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any country</source>
        <translation>すべての国</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A country of the library, or type a country name or ISO code</source>
        <translation>ライブラリにある国を選ぶか、国名または ISO コードを入力します</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>any date</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Published on or after</source>
        <translation>この日以降に公表されたもの</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published on or before</source>
        <translation>この日以前に公表されたもの</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested for this case</source>
        <translation>この案件の候補</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passages found with the case&apos;s facts (events, grounds, agents), limited to its countries</source>
        <translation>案件の事実（出来事、迫害理由、迫害の主体）から探した記述です。案件に関係する国に限ります</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pinned to this case</source>
        <translation>この案件へのピン留め</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>From</source>
        <translation>期間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <location line="+75"/>
        <location line="+58"/>
        <source>Type to search the library.</source>
        <translation>入力するとライブラリを検索します。</translation>
    </message>
    <message>
        <location line="-58"/>
        <location line="+254"/>
        <source>Open a case to pin passages to it.</source>
        <translation>記述をピン留めするには、案件を開いてください。</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>Searching for “%1”…</source>
        <translation>「%1」を検索しています…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search failed</source>
        <translation>検索できませんでした</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Looking for passages that match this case&apos;s facts…</source>
        <translation>この案件の事実に合う記述を探しています…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Suggestions failed</source>
        <translation>候補を探せませんでした</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pins not loaded</source>
        <translation>ピン留めを読み込めませんでした</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pinned: %1</source>
        <translation>ピン留めしました: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not pinned</source>
        <translation>ピン留めできませんでした</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pin removed (the removal is recorded in the audit log).</source>
        <translation>ピン留めを外しました（外したことは監査ログに記録されます）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not unpinned</source>
        <translation>ピン留めを外せませんでした</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Full-text search only (AI is off or the meaning engine is missing): passages in other languages than the query are not found.</source>
        <translation>全文検索のみです（AI がオフか、意味検索エンジンがありません）。検索語と別の言語で書かれた記述は見つかりません。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n passage(s) for “%1”.</source>
        <translation>
            <numerusform>「%1」の記述: %n 件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No passage found for “%1”.</source>
        <translation>「%1」に当てはまる記述はありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is not a country name or code the library knows: all countries were searched.</source>
        <translation>「%1」はライブラリにない国名・国コードのため、すべての国を検索しました。</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n passage(s) suggested from this case&apos;s facts.</source>
        <translation>
            <numerusform>この案件の事実から探した記述: %n 件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No passage found from this case&apos;s facts (events, grounds, agents of persecution).</source>
        <translation>この案件の事実（出来事、迫害理由、迫害の主体）に当てはまる記述はありません。</translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>%n pin(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no case open</source>
        <translation>案件が開かれていません</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Pins go to the case.</source>
        <translation>ピン留め先: 案件全体</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pins go to the fact “%1”.</source>
        <translation>ピン留め先: 事実「%1」</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../../examiner_app/ui/qt_models.py" line="+37"/>
        <source>pages: %1</source>
        <translation>%1ページ</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
</context>
<context>
    <name>EarlierApplicationsBox</name>
    <message>
        <location filename="../../examiner_app/ui/earlier_applications.py" line="+72"/>
        <source>Show or hide the hints</source>
        <translation>ヒントの表示／非表示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hint to check, never a conclusion: names are compared by how they sound across spellings and scripts, and different people can share a name.</source>
        <translation>確認のためのヒントであり、結論ではありません。氏名は綴りや文字の違いを越えて音の近さで比較されており、別人が同じ氏名を持つこともあります。</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Possible earlier applications could not be looked up: %1</source>
        <translation>過去の申請の可能性を照会できませんでした: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Possible earlier applications</source>
        <translation>過去の申請の可能性</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Possible earlier application: %n hint(s) to check — hints, never conclusions</source>
        <translation>
            <numerusform>過去の申請の可能性: 確認すべきヒント %n 件 — ヒントであり、結論ではありません</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>entered by the examiner, no source document</source>
        <translation>審査官が入力（出典文書なし）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, page %2, characters %3–%4</source>
        <translation>%1、%2 ページ、%3–%4 文字目</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>same spelling</source>
        <translation>同じ綴り</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other script</source>
        <translation>別の文字体系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other spelling</source>
        <translation>別の綴り</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This case: %1 — source: %2</source>
        <translation>この案件: %1 — 出典: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Possible earlier application: a same or similar name appears in a case you are not assigned to. Ask your supervisor to check it.</source>
        <translation>過去の申請の可能性: あなたが担当していない案件に同一または類似の氏名があります。上司に確認を依頼してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Possible earlier application: same or similar name in case %1 — check.</source>
        <translation>過去の申請の可能性: 案件 %1 に同一または類似の氏名 — 確認してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Case %1: %2 — source: %3</source>
        <translation>案件 %1: %2 — 出典: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>same or similar name</source>
        <translation>同一または類似の氏名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>one name part in common</source>
        <translation>氏名の一部が共通</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name match (%1, %2): %3</source>
        <translation>氏名の一致（%1、%2）: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only in this case&apos;s name: %1</source>
        <translation>この案件の氏名のみ: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only in the other name: %1</source>
        <translation>もう一方の氏名のみ: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Supports the hint: %1</source>
        <translation>ヒントを裏付ける点: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Speaks against it: %1</source>
        <translation>ヒントに反する点: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>same date of birth (%1)</source>
        <translation>生年月日が同じ（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>different date of birth (%1 here, %2 there)</source>
        <translation>生年月日が異なる（こちら %1、あちら %2）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>same nationality (%1)</source>
        <translation>国籍が同じ（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>different nationality (%1 here, %2 there)</source>
        <translation>国籍が異なる（こちら %1、あちら %2）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../examiner_app/ui/dialogs.py" line="+40"/>
        <source>Something went wrong that the workbench did not expect (%1). Nothing you recorded is lost. Try again; if it happens again, report it with the details below.</source>
        <translation>想定外の問題が発生しました（%1）。記録済みの内容は失われていません。もう一度お試しください。再発する場合は、下の詳細を添えて報告してください。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Examiner Workbench</source>
        <translation>審査官ワークベンチ</translation>
    </message>
</context>
<context>
    <name>Evidence</name>
    <message>
        <location filename="../../examiner_app/ui/evidence_panel.py" line="+68"/>
        <source>Persecution</source>
        <translation>迫害</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Well-founded fear (a realistic danger)</source>
        <translation>十分に理由のある恐怖（現実的な危険）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Convention ground</source>
        <translation>条約上の理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outside the country of nationality</source>
        <translation>国籍国の外にいること</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lack of state protection</source>
        <translation>国家による保護の欠如</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing in the file on persecution.</source>
        <translation>迫害について記録には何もありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing in the file on a well-founded fear.</source>
        <translation>十分に理由のある恐怖について記録には何もありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing in the file on a Convention ground.</source>
        <translation>条約上の理由について記録には何もありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing in the file on being outside the country of nationality.</source>
        <translation>国籍国の外にいることについて記録には何もありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing in the file on state protection.</source>
        <translation>国家による保護について記録には何もありません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>statement</source>
        <translation>供述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>objective evidence</source>
        <translation>客観的証拠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>COI</source>
        <translation>出身国情報</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no source document</source>
        <translation>出典文書なし</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(suggestion — not confirmed)</source>
        <translation>（提案 — 未確認）</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location line="+31"/>
        <source>Evidence by the elements of the Guide</source>
        <translation>ガイドラインの要素別の証拠</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Findings only</source>
        <translation>確認済みの事実のみ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave out suggestions that no examiner has confirmed</source>
        <translation>審査官が確認していない提案を除きます</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export record package…</source>
        <translation>記録一式を書き出す…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One PDF and one JSON of what the tool showed, what you decided and why, the COI relied on and your reasoning per element; their SHA-256 goes into the audit log</source>
        <translation>ツールが示したもの、あなたの判断とその理由、依拠した出身国情報、要素ごとの検討を、PDF と JSON 各 1 点にまとめます。SHA-256 は監査ログに記録されます</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the file holds on each element, with its source. A reading aid: it does not say whether an element is met.</source>
        <translation>各要素について記録にあるものを出典つきで示します。読むための補助であり、要素が満たされるかどうかは示しません。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Evidence</source>
        <translation>証拠</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your own reasoning on this element (the tool never drafts it)</source>
        <translation>この要素についてのあなた自身の検討（ツールが下書きすることはありません）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save reasoning</source>
        <translation>検討を保存</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Reasoning on “%1” saved under your name.</source>
        <translation>「%1」についての検討をあなたの名前で保存しました。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not saved: %1</source>
        <translation>保存できませんでした: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Evidence not available: %1</source>
        <translation>証拠を表示できません: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>For the examiner (not evidence):</source>
        <translation>審査官へ（証拠ではありません）:</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 — statements %2 · objective evidence %3 · COI %4</source>
        <translation>%1 — 供述 %2 · 客観的証拠 %3 · 出身国情報 %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Shown here because: %1</source>
        <translation>ここに表示する理由: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind of evidence from: %1</source>
        <translation>証拠の種類の根拠: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report version (SHA-256): %1</source>
        <translation>報告書の版 (SHA-256): %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Your reasoning: %1</source>
        <translation>あなたの検討: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not written yet. Only you write this; it goes into the working note.</source>
        <translation>まだ書かれていません。書くのはあなただけで、作業メモに載ります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Written by %1 on %2</source>
        <translation>%1 が %2 に記入</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <location filename="../../examiner_app/ui/training.py" line="+126"/>
        <source>Why this pack is made (recorded with your name)</source>
        <translation>このパックを作る理由（氏名とともに記録されます）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview redaction</source>
        <translation>匿名化のプレビュー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export pack…</source>
        <translation>パックを書き出す…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Decided case</source>
        <translation>決定済みの事案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k (cases that must share the quasi-identifiers)</source>
        <translation>k（準識別子を共有すべき事案数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Same person</source>
        <translation>同一人物</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spelling</source>
        <translation>表記</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why linked</source>
        <translation>結び付けた理由</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Spellings in the case</source>
        <translation>事案中の表記</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pseudonym</source>
        <translation>仮名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replaced by</source>
        <translation>置き換え</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the original page</source>
        <translation>元のページを表示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Original</source>
        <translation>元の値</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In the pack</source>
        <translation>パック内の値</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name links (untick to split two people)</source>
        <translation>氏名の結び付け（別人ならチェックを外す）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>a pseudonym</source>
        <translation>仮名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>their role: interpreter</source>
        <translation>役割: 通訳人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>their role: lawyer</source>
        <translation>役割: 弁護士</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>their role: official</source>
        <translation>役割: 職員</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>their role: doctor</source>
        <translation>役割: 医師</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>their role: police officer</source>
        <translation>役割: 警察官</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>their role: judge</source>
        <translation>役割: 裁判官</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Building the preview…</source>
        <translation>プレビューを作成中…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Written beside the name: %1 (%2 of %3 mentions)</source>
        <translation>名前の隣の語: %1（%3 件中 %2 件）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, page %2: %3 replaced</source>
        <translation>%1 %2ページ：%3件置換</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 people, dates shifted; %2 of %3 corpus cases share the quasi-identifiers (k = %4).</source>
        <translation>%1人を仮名化し、日付をずらしました。コーパス%3件中%2件が準識別子を共有しています（k = %4）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>split by the trainer</source>
        <translation>研修担当者が分離</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export training pack</source>
        <translation>研修パックの書き出し</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Training pack (*.zip)</source>
        <translation>研修パック (*.zip)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exporting: reading every redacted page again to check nothing is left…</source>
        <translation>書き出し中：黒塗り後の全ページを再読取りして残存がないか確認しています…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pack written: %1</source>
        <translation>パックを書き出しました：%1</translation>
    </message>
</context>
<context>
    <name>FactTableModel</name>
    <message>
        <location filename="../../examiner_app/ui/qt_models.py" line="+175"/>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalized</source>
        <translation>正規化値</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conf.</source>
        <translation>信頼度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What kind of fact</source>
        <translation>事実の種類</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The text as written (or as corrected by the examiner)</source>
        <translation>記載どおりの文字列（審査官が修正した場合は修正後の値）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalized form: ISO 8601 dates, ISO 3166 country codes, canonical names</source>
        <translation>正規化した形: 日付は ISO 8601、国は ISO 3166 コード、名称は標準形</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confidence of the suggestion: the extractor&apos;s own figure times the OCR confidence of its words. It says how sure the reading is, never whether the fact is true.</source>
        <translation>提案の信頼度: 抽出器自身の値に、その語句の OCR 信頼度を掛けたものです。読み取りの確かさを示すもので、事実が真実かどうかを示すものではありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Document and page the fact was read from</source>
        <translation>事実を読み取った文書とページ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engine, model and version that made the suggestion</source>
        <translation>提案を作成したエンジン・モデル・バージョン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggestion (not yet reviewed) or the examiner&apos;s decision</source>
        <translation>提案（未確認）または審査官の判断</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no source</source>
        <translation>出典なし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 + %2 more</source>
        <translation>%1 ほか %2 件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>examiner</source>
        <translation>審査官</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Suggestion confidence: %1</source>
        <translation>提案の信頼度: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OCR confidence of its weakest word: %1</source>
        <translation>最も低い語の OCR 信頼度: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Low: compare with the highlighted words on the page image.</source>
        <translation>低い値です。ページ画像の強調表示された語句と照合してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, page %2, characters %3–%4</source>
        <translation>%1、%2ページ、%3–%4文字目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suggested by %1</source>
        <translation>提案元: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Suggested: %1</source>
        <translation>提案された値: %1</translation>
    </message>
</context>
<context>
    <name>FactsPanel</name>
    <message>
        <location filename="../../examiner_app/ui/facts_panel.py" line="+87"/>
        <source>Facts</source>
        <translation>事実</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All statuses</source>
        <translation>すべての状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggestions to review</source>
        <translation>確認待ちの提案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Findings (accepted or edited)</source>
        <translation>確認済みの事実（承認・修正）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>却下済み</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hide suggestions below this confidence. Findings are never hidden, and the panel says how many rows the filters hide.</source>
        <translation>この信頼度未満の提案を非表示にします。確認済みの事実は常に表示され、絞り込みで隠れた件数はパネルに表示されます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Group same values</source>
        <translation>同じ値をまとめる</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The same value of a field found in several places is one row with all its sources; accepting or rejecting it records a decision for each, with one reason (needed both ways).</source>
        <translation>同じ項目の同じ値が複数の箇所にある場合は、すべての出典とともに 1 行にまとめます。承認・却下すると、それぞれに同じ理由で判断が記録されます（どちらの場合も理由が必要です）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show all</source>
        <translation>すべて表示</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Accept</source>
        <translation>承認</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record this suggestion as a finding, unchanged (A)</source>
        <translation>この提案をそのまま事実として記録 (A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>修正…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a corrected value, with a reason (E)</source>
        <translation>修正した値を理由とともに記録 (E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject…</source>
        <translation>却下…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record that this is not a finding, with a reason (R)</source>
        <translation>事実ではないことを理由とともに記録 (R)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Min. confidence</source>
        <translation>最低信頼度</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>Documents disagree — every value is shown with its source, nothing is merged:</source>
        <translation>文書間で内容が食い違っています — すべての値を出典とともに表示し、統合はしていません:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 p. %2</source>
        <translation>%1 %2 ページ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no source</source>
        <translation>出典なし</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the same person written differently? Check each spelling against its page.</source>
        <translation>同一人物の別表記？ それぞれの綴りを該当ページで確認してください。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 to review · %2 accepted · %3 edited · %4 rejected</source>
        <translation>確認待ち %1 · 承認 %2 · 修正 %3 · 却下 %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 hidden by filters</source>
        <translation>絞り込みで %1 件を非表示</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Select a fact to see where it comes from. A accept · E edit · R reject · ↑↓ move</source>
        <translation>事実を選ぶと出典を表示します。A 承認 · E 修正 · R 却下 · ↑↓ 移動</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>suggested: %1</source>
        <translation>提案: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Normalized</source>
        <translation>正規化値</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>check the highlighted words on the image</source>
        <translation>画像の強調表示された語句を確認してください</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(OCR of its words: %1)</source>
        <translation>（語句の OCR: %1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confidence</source>
        <translation>信頼度</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>%1, page %2, characters %3–%4</source>
        <translation>%1、%2ページ、%3–%4文字目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>recorded by hand, no source</source>
        <translation>手入力（出典なし）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why suggested</source>
        <translation>提案の根拠</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Same value in %1 places</source>
        <translation>同じ値が %1 か所</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision</source>
        <translation>判断</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>accepted</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited</source>
        <translation>修正済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>却下済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>added</source>
        <translation>追加</translation>
    </message>
</context>
<context>
    <name>GroupDecisionDialog</name>
    <message>
        <location filename="../../examiner_app/ui/group_review.py" line="+31"/>
        <source>Same value in %1 places — %2</source>
        <translation>同じ値が %1 か所 — %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>One decision is recorded for each source, with this reason. Look at the sources first: a reading can be wrong in one place and right in another; to decide them one by one, untick “Group same values”.</source>
        <translation>出典ごとに、この理由で判断が 1 件ずつ記録されます。先に出典を確認してください。ある箇所では読み取りが誤り、別の箇所では正しいこともあります。1 件ずつ判断するには「同じ値をまとめる」のチェックを外してください。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Why? (required either way — kept with each decision in the audit log; ↑ recalls a reason you gave before)</source>
        <translation>理由（承認・却下どちらでも必須 — 各判断とともに監査ログに保存されます。↑ で以前の理由を呼び出せます）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Accept all %1</source>
        <translation>%1 件すべて承認</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject all %1</source>
        <translation>%1 件すべて却下</translation>
    </message>
</context>
<context>
    <name>HitCard</name>
    <message>
        <location filename="../../examiner_app/ui/coi_panel.py" line="-609"/>
        <source>%1 · %2 · published %3 (%4) · %5</source>
        <translation>%1 · %2 · %3 公表（%4）· %5</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Superseded: %1 published a newer report on this country, “%2” (%3). Check it before citing this one.</source>
        <translation>新しい版があります: %1 はこの国について、より新しい報告書「%2」（%3）を公表しています。この報告書を引用する前に確認してください。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Citation: %1</source>
        <translation>引用: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>words</source>
        <translation>語句</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>meaning</source>
        <translation>意味</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Found by: %1</source>
        <translation>一致の種類: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Found from the facts: %1</source>
        <translation>手がかりになった事実: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+38"/>
        <source>Pin</source>
        <translation>ピン留め</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Copy citation</source>
        <translation>引用をコピー</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Unpin</source>
        <translation>ピン留めを外す</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <location filename="../../examiner_app/ui/import_panel.py" line="+36"/>
        <source>Cancel</source>
        <translation>中止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop after the current page; everything read so far is kept</source>
        <translation>現在のページの後で停止します。読み取り済みの内容は保持されます</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancelling — finishing the current page; what was read is kept…</source>
        <translation>中止しています — 現在のページを終えてから止まります。読み取り済みの内容は保持されます…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../examiner_app/ui/i18n.py" line="+72"/>
        <source>Person name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of birth</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country of origin</source>
        <translation>出身国</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Religion</source>
        <translation>宗教</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language spoken</source>
        <translation>使用言語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event date</source>
        <translation>出来事の日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>出来事</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date of entry</source>
        <translation>入国日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port of entry</source>
        <translation>入国地</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Travel route</source>
        <translation>移動経路</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document number</source>
        <translation>文書番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document issue date</source>
        <translation>文書の発行日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Procedural date</source>
        <translation>手続日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prior application</source>
        <translation>過去の申請</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family member</source>
        <translation>家族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed ground</source>
        <translation>申し立てた迫害理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent of persecution</source>
        <translation>迫害の主体</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>suggestion</source>
        <translation>提案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited</source>
        <translation>修正済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>却下済み</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>reading…</source>
        <translation>読み取り中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>detecting languages…</source>
        <translation>言語を判定中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suggesting facts…</source>
        <translation>事実を抽出中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ready</source>
        <translation>完了</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unsupported format</source>
        <translation>未対応の形式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>encrypted</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>damaged file</source>
        <translation>破損したファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>too large</source>
        <translation>サイズ超過</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timed out</source>
        <translation>時間切れ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>out of memory</source>
        <translation>メモリ不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>中止</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>examiner</source>
        <translation>審査官</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reviewer</source>
        <translation>確認者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trainer</source>
        <translation>研修担当者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>reading text</source>
        <translation>テキスト読み取り中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>detecting languages</source>
        <translation>言語判定中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suggesting facts</source>
        <translation>事実の提案を作成中</translation>
    </message>
</context>
<context>
    <name>LanguageBadges</name>
    <message>
        <location filename="../../examiner_app/ui/page_text.py" line="+101"/>
        <source>%1 — detector confidence %2</source>
        <translation>%1 — 判定の信頼度 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>language not detected</source>
        <translation>言語未判定</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no supported language could be told apart (und); see Help › Supported languages</source>
        <translation>対応言語のいずれとも判定できません (und)。ヘルプ › 対応言語 を参照してください</translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <location filename="../../examiner_app/ui/i18n.py" line="+8"/>
        <source>Japanese</source>
        <translation>日本語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>英語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turkish</source>
        <translation>トルコ語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kurdish (Kurmanji)</source>
        <translation>クルド語（クルマンジー）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kurdish (Sorani)</source>
        <translation>クルド語（ソラニー）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urdu</source>
        <translation>ウルドゥー語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bengali</source>
        <translation>ベンガル語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hindi</source>
        <translation>ヒンディー語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nepali</source>
        <translation>ネパール語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tamil</source>
        <translation>タミル語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sinhala</source>
        <translation>シンハラ語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Burmese</source>
        <translation>ビルマ語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khmer</source>
        <translation>クメール語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Persian (Farsi)</source>
        <translation>ペルシア語（ファルシ）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dari</source>
        <translation>ダリー語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arabic</source>
        <translation>アラビア語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pashto</source>
        <translation>パシュトー語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>French</source>
        <translation>フランス語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tigrinya</source>
        <translation>ティグリニャ語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amharic</source>
        <translation>アムハラ語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Somali</source>
        <translation>ソマリ語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Russian</source>
        <translation>ロシア語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese</source>
        <translation>中国語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vietnamese</source>
        <translation>ベトナム語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indonesian</source>
        <translation>インドネシア語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tagalog</source>
        <translation>タガログ語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spanish</source>
        <translation>スペイン語</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>undetermined</source>
        <translation>判定不能</translation>
    </message>
    <message>
        <location filename="../../examiner_app/ui/page_dialogs.py" line="-94"/>
        <source>%1 — any language in the %2 script</source>
        <translation>%1 — %2 文字で書かれた言語</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../examiner_app/ui/main_window.py" line="+73"/>
        <location line="+336"/>
        <source>Examiner Workbench</source>
        <translation>審査官ワークベンチ</translation>
    </message>
    <message>
        <location line="-311"/>
        <source>Signed in as %1: only an examiner or an administrator can create cases and import files.</source>
        <translation>%1としてサインイン中: 案件の作成とファイルの取り込みは審査官または管理者のみが行えます。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New case…</source>
        <translation>新規案件(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import files…</source>
        <translation>ファイルを取り込む(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import the &amp;sample cases</source>
        <translation>サンプル案件を取り込む(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outline &amp;low-confidence words</source>
        <translation>信頼度の低い語を枠で示す(&amp;L)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fit page &amp;width</source>
        <translation>ページ幅に合わせる(&amp;W)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh</source>
        <translation>再読み込み(&amp;R)</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About Examiner Workbench</source>
        <translation>審査官ワークベンチについて(&amp;A)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signed in: %1 (%2)</source>
        <translation>サインイン中: %1（%2）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>on</source>
        <translation>オン</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI suggestions: %1</source>
        <translation>AI による提案: %1</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>When off, no model or suggestion engine runs: files are still read (OCR) and languages detected, and you record facts yourself.</source>
        <translation>オフのときはモデルや提案エンジンを一切使いません。ファイルの読み取り（OCR）と言語判定は行われ、事実はご自身で記録します。</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>&amp;Facts to review</source>
        <translation>確認する事実(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Summary</source>
        <translation>要約(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Country information</source>
        <translation>出身国情報(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Si&amp;milar cases</source>
        <translation>類似案件(&amp;M)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Audit log…</source>
        <translation>監査ログ(&amp;A)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Training packs and exercises…</source>
        <translation>研修パックと演習(&amp;T)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quality review…</source>
        <translation>品質レビュー(&amp;Q)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Job queue…</source>
        <translation>ジョブキュー(&amp;J)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Page</source>
        <translation>ページ(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Select words to record a fact</source>
        <translation>語句を選択して事実を記録(&amp;S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Record selected text as a fact…</source>
        <translation>選択したテキストを事実として記録(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read &amp;again with languages…</source>
        <translation>言語を選んで再読み取り(&amp;A)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Settings</source>
        <translation>設定(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;AI suggestions</source>
        <translation>AI による提案(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Turn the suggestion engines and models on or off for new reads</source>
        <translation>今後の読み取りで提案エンジンとモデルを使うかどうかを切り替えます</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Supported &amp;languages</source>
        <translation>対応言語(&amp;L)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Turn AI suggestions on?</source>
        <translation>AI による提案をオンにしますか？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files imported and pages read again from now on get suggested facts from the suggestion engines and models again. Suggestions are never findings: each one waits for your decision.</source>
        <translation>今後取り込むファイルと再読み取りするページには、再び提案エンジンとモデルによる事実の提案が付きます。提案は確認済みの事実ではありません。それぞれがあなたの判断を待ちます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Turn AI suggestions off?</source>
        <translation>AI による提案をオフにしますか？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Files imported and pages read again from now on are read (OCR) and their languages detected, but no model or suggestion engine runs: you record facts yourself by selecting words on the page.

Suggestions already made stay in the case, marked as suggestions, until you decide on them. An import that is already running finishes as it started.</source>
        <translation>今後取り込むファイルと再読み取りするページは、読み取り (OCR) と言語判定のみ行い、モデルや提案エンジンは実行しません。事実はページ上の語句を選択して自分で記録します。

すでにある提案は、判断するまで提案のまま案件に残ります。実行中の取り込みは、開始時の設定のまま完了します。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Turn on</source>
        <translation>オンにする</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Turn off</source>
        <translation>オフにする</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>AI suggestions are on for new imports and re-reads.</source>
        <translation>今後の取り込みと再読み取りで AI による提案はオンです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>AI suggestions are off: new imports and re-reads run without models.</source>
        <translation>AI による提案はオフです。今後の取り込みと再読み取りはモデルなしで行います。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>About Examiner Workbench</source>
        <translation>審査官ワークベンチについて</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Examiner Workbench reads an applicant&apos;s case file and suggests facts, each with its source.

Evidence, never verdicts: it gives no score of credibility or outcome. Every finding is an examiner&apos;s decision, recorded with a reason in an append-only audit log.</source>
        <translation>審査官ワークベンチは申請者の提出書類を読み取り、出典つきで事実を提案します。

示すのは証拠であって結論ではありません。信憑性や結果の評点は一切出しません。確認済みの事実はすべて審査官の判断であり、理由とともに追記専用の監査ログに記録されます。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 — Examiner Workbench</source>
        <translation>%1 — 審査官ワークベンチ</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Select or create a case first, then import its files.</source>
        <translation>先に案件を選ぶか作成してから、ファイルを取り込んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import files into “%1”</source>
        <translation>「%1」にファイルを取り込む</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PDF, images and text (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.webp *.txt)</source>
        <translation>PDF・画像・テキスト (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.webp *.txt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Importing into “%1”</source>
        <translation>「%1」に取り込み中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Importing</source>
        <translation>取り込み中</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Imported %1 file(s): %2 read, %3 failed.</source>
        <translation>%1 件のファイルを取り込みました: 読み取り %2 件、失敗 %3 件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed files are listed in red with what to do.</source>
        <translation>失敗したファイルは、対処方法とともに赤で表示されています。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Importing the sample cases</source>
        <translation>サンプル案件を取り込み中</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No sample cases found in %1.</source>
        <translation>%1 にサンプル案件が見つかりません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample cases ready: %1 cases, %2 files.</source>
        <translation>サンプル案件の準備ができました: 案件 %1 件、ファイル %2 件。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Loading the fictional country information and prior cases</source>
        <translation>架空の出身国情報と過去の案件を読み込んでいます</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Country information already loaded: %1 reports.</source>
        <translation>出身国情報は読み込み済みです: 報告書 %1 件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Country information ready: %1 new reports (%2 passages), %3 already there; %4 prior cases.</source>
        <translation>出身国情報の準備ができました: 新しい報告書 %1 件（記述 %2 件）、既存 %3 件、過去の案件 %4 件。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>An import is already running; wait for it or cancel it.</source>
        <translation>別の取り込みを実行中です。終わるまで待つか、中止してください。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Import stopped: see the message.</source>
        <translation>取り込みが停止しました。メッセージをご覧ください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import stopped</source>
        <translation>取り込みの停止</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../examiner_app/ui/dialogs.py" line="+177"/>
        <source>New case</source>
        <translation>新規案件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Applicant 0412 — asylum claim</source>
        <translation>例: 申請者 0412 — 難民認定申請</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File reference (optional)</source>
        <translation>整理番号（任意）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create case</source>
        <translation>案件を作成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>案件名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>整理番号</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A case needs a title.</source>
        <translation>案件名を入力してください。</translation>
    </message>
</context>
<context>
    <name>PageImage</name>
    <message>
        <location filename="../../examiner_app/ui/training.py" line="-261"/>
        <source>No page image</source>
        <translation>ページ画像がありません</translation>
    </message>
</context>
<context>
    <name>PageTextPanel</name>
    <message>
        <location filename="../../examiner_app/ui/page_text.py" line="+106"/>
        <location line="+93"/>
        <source>Record as fact…</source>
        <translation>事実として記録…</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Record the selected text as a fact, with its place as the source</source>
        <translation>選択したテキストを、その位置を出典として事実に記録します</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Page text</source>
        <translation>ページのテキスト</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>OCR</source>
        <translation>OCR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF text layer</source>
        <translation>PDF のテキスト層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>plain text</source>
        <translation>プレーンテキスト</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>mean OCR confidence %1</source>
        <translation>OCR 平均信頼度 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rotated %1°</source>
        <translation>%1° 回転</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Low OCR confidence: check this word on the page image</source>
        <translation>OCR 信頼度が低い語です。ページ画像で確認してください</translation>
    </message>
</context>
<context>
    <name>PageThumbnailModel</name>
    <message>
        <location filename="../../examiner_app/ui/qt_models.py" line="-246"/>
        <source>p. %1</source>
        <translation>%1ページ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Page %1 — suggested facts: %2</source>
        <translation>%1ページ — 提案された事実: %2</translation>
    </message>
</context>
<context>
    <name>PageView</name>
    <message>
        <location filename="../../examiner_app/ui/page_viewer.py" line="+162"/>
        <source>OCR confidence %1 for “%2”: check the image</source>
        <translation>「%2」の OCR 信頼度は %1 です。画像で確認してください</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <location line="+214"/>
        <source>Previous page (Page Up)</source>
        <translation>前のページ (Page Up)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next page (Page Down)</source>
        <translation>次のページ (Page Down)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Low-confidence words</source>
        <translation>低信頼度の語</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Outline words the OCR read with less than %1 confidence (orange dashes)</source>
        <translation>OCR 信頼度が %1 未満の語をオレンジの破線で囲みます</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom out (Ctrl+−, Ctrl+wheel)</source>
        <translation>縮小 (Ctrl+−、Ctrl+ホイール)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom in (Ctrl++, Ctrl+wheel)</source>
        <translation>拡大 (Ctrl++、Ctrl+ホイール)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit the page width (Ctrl+0)</source>
        <translation>ページ幅に合わせる (Ctrl+0)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fit width</source>
        <translation>幅に合わせる</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole page</source>
        <translation>ページ全体を表示</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Whole page</source>
        <translation>ページ全体</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select words</source>
        <translation>語句を選択</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drag a box around words on the page to record them as a fact, with their place as the source (S)</source>
        <translation>ページ上の語句を枠で囲むようにドラッグすると、その位置を出典として事実に記録できます (S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read this page again with languages you choose</source>
        <translation>選んだ言語でこのページを読み取り直します</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read again…</source>
        <translation>再読み取り…</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../examiner_app/ui/dialogs.py" line="-65"/>
        <source>Encrypted store — Examiner Workbench</source>
        <translation>暗号化された保存先 — 審査官ワークベンチ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case store %1 is encrypted. Enter its passphrase to open it.</source>
        <translation>案件の保存先 %1 は暗号化されています。開くにはパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
</context>
<context>
    <name>PinCard</name>
    <message>
        <location filename="../../examiner_app/ui/coi_panel.py" line="+16"/>
        <source>Pinned to the fact %1</source>
        <translation>事実 %1 にピン留め</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pinned to the case</source>
        <translation>案件全体にピン留め</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Citation: %1</source>
        <translation>引用: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note: %1</source>
        <translation>メモ: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unpin</source>
        <translation>ピン留めを外す</translation>
    </message>
</context>
<context>
    <name>ProgressTab</name>
    <message>
        <location filename="../../examiner_app/ui/training.py" line="+463"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export chart…</source>
        <translation>グラフを書き出す…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Trainee</source>
        <translation>研修生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exercise</source>
        <translation>演習</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+33"/>
        <source>Scored on</source>
        <translation>採点日</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+31"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>95 % interval</source>
        <translation>95 % 区間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>F1 of the facts each trainee recorded, per scored exercise. The interval treats F1 as (2 correct + partial) of n = trainee facts + key facts: a guide to how much one exercise says.</source>
        <translation>研修生ごとに、採点した演習で記録した事実の F1。区間は F1 を n（研修生の事実数＋解答の事実数）のうち（2×正解＋部分一致）の割合とみなした目安で、1 回の演習からどこまで言えるかを示します。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>F1 per scored exercise (95 % Wilson interval; n = trainee facts + key facts)</source>
        <translation>採点した演習ごとの F1（95 % Wilson 区間、n＝研修生の事実数＋解答の事実数）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No scored exercises yet</source>
        <translation>採点済みの演習はまだありません</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the scored exercises…</source>
        <translation>採点済みの演習を読み込んでいます…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1 trainees, %2 scored exercises.</source>
        <translation>研修生 %1 人、採点済みの演習 %2 件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export chart</source>
        <translation>グラフを書き出す</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 画像 (*.png);;PDF 文書 (*.pdf)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Chart written: %1</source>
        <translation>グラフを書き出しました: %1</translation>
    </message>
</context>
<context>
    <name>QaWindow</name>
    <message>
        <location filename="../../examiner_app/ui/qa_workspace.py" line="+559"/>
        <source>Quality review</source>
        <translation>品質レビュー</translation>
    </message>
</context>
<context>
    <name>QaWorkspace</name>
    <message>
        <location line="-457"/>
        <source>1. Plan the sample</source>
        <translation>1. 標本の計画</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Estimate a rate to a margin</source>
        <translation>誤差幅を指定して率を推定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the error rate is at most</source>
        <translation>誤り率の上限を示す</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Plan</source>
        <translation>計画</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Margin or error rate</source>
        <translation>誤差幅または誤り率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence</source>
        <translation>信頼水準</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors allowed</source>
        <translation>許容する誤り数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Examiners&apos; decisions</source>
        <translation>審査官の判断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Engine suggestions</source>
        <translation>エンジンの提案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages with nothing suggested</source>
        <translation>提案のないページ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>field</source>
        <translation>項目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw the sample</source>
        <translation>標本を抽出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Frame</source>
        <translation>抽出枠</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>乱数シード</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stratify by</source>
        <translation>層別</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Samples</source>
        <translation>標本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items (blind)</source>
        <translation>項目(ブラインド)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>2. Blind review: is this value what the page says?</source>
        <translation>2. ブラインドレビュー:この値はページの記載どおりですか?</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The right value (wrong) or the missed fact&apos;s words (missed)</source>
        <translation>正しい値(誤り)または見落とされた事実の語句(見落とし)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note (optional; why it is not a fact)</source>
        <translation>メモ(任意:事実でない理由)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct</source>
        <translation>正しい</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong</source>
        <translation>誤り</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missed fact</source>
        <translation>見落とし</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>3. Agreement and accuracy</source>
        <translation>3. 一致度と正確さ</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+259"/>
        <source>Your verdicts: accuracy</source>
        <translation>あなたの判定:正確さ</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>%1 items estimate a rate to ±%2 points at %3 % confidence.</source>
        <translation>%1 件で、率を ±%2 ポイント(信頼水準 %3 %)で推定できます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 items: with at most %2 errors found, the error rate is at most %3 % (%4 % confidence).</source>
        <translation>%1 件:見つかった誤りが %2 件以下なら、誤り率は %3 % 以下です(信頼水準 %4 %)。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 · %2 items · seed %3 · %4 judged by you</source>
        <translation>%1 · %2 件 · シード %3 · あなたの判定 %4 件</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Sample drawn: %1 items.</source>
        <translation>標本を抽出しました:%1 件。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No page image: see the text below.</source>
        <translation>ページ画像がありません。下のテキストを見てください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Item %1 of %2 · %3, page %4</source>
        <translation>%2 件中 %1 件目 · %3、%4 ページ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was suggested on this page. Is a fact missing?</source>
        <translation>このページには提案がありません。見落とされた事実はありますか?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You already judged this item; verdicts are never overwritten.</source>
        <translation>この項目は判定済みです。判定は上書きされません。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Type or paste the missed fact&apos;s words first.</source>
        <translation>先に見落とされた事実の語句を入力または貼り付けてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give the right value, or a note saying why it is not a fact.</source>
        <translation>正しい値、または事実でない理由のメモを入力してください。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 of %2 items judged (%3 by you).</source>
        <translation>%2 件中 %1 件を判定済み(うちあなた %3 件)。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Agreement</source>
        <translation>一致度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Agreement appears after every %1 judged items, so no single decision can be read off it.</source>
        <translation>一致度は %1 件判定するごとに表示されます。個々の判断を読み取れないようにするためです。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Over the first %1 items (n=%2, %3 documents): raw %4 · kappa %5 · AC1 %6 (95 % bootstrap over documents)</source>
        <translation>最初の %1 件(n=%2、文書 %3 件):単純一致率 %4 · カッパ %5 · AC1 %6(文書単位のブートストラップ、95 %)</translation>
    </message>
</context>
<context>
    <name>QueueDialog</name>
    <message>
        <location filename="../../examiner_app/ui/agency_view.py" line="+137"/>
        <source>Job queue (workers)</source>
        <extracomment>Who may flag a case urgent: the roles ``queue urgent`` allows (accounts.require_decide, which the service call checks again: an examiner only on a case assigned to them). The table has loaded a queue status. A case&apos;s urgent flag was set (case id, urgent, waiting jobs whose priority changed). Setting it was refused or failed (the message shown).</extracomment>
        <translation>ジョブキュー（ワーカー）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Progress of each file comes from the stage tables; this view shows the workers&apos; queue.</source>
        <translation>各ファイルの進捗は処理段階の記録から表示されます。この画面はワーカーのキューを示します。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Job</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts</source>
        <translation>試行回数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>文書</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Mark case urgent</source>
        <translation>案件を緊急にする</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not urgent</source>
        <translation>緊急を解除</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The selected job&apos;s case: its waiting jobs and its later imports run before the others.</source>
        <translation>選択したジョブの案件：待機中のジョブと今後の取り込みを他より先に処理します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only an administrator or the case&apos;s examiner can change its urgency.</source>
        <translation>緊急度を変更できるのは管理者かその案件の審査官だけです。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Waiting %1 · running %2 · failed %3 · retried %4</source>
        <translation>待機 %1 · 実行中 %2 · 失敗 %3 · 再試行 %4</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Case marked urgent: %1 waiting job(s) moved ahead.</source>
        <translation>案件を緊急にしました：待機中のジョブ %1 件を先に回しました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case no longer urgent: %1 waiting job(s) back in line.</source>
        <translation>案件の緊急を解除しました：待機中のジョブ %1 件を通常の順に戻しました。</translation>
    </message>
</context>
<context>
    <name>ReadAgainDialog</name>
    <message>
        <location filename="../../examiner_app/ui/page_dialogs.py" line="+119"/>
        <source>Read the page again</source>
        <translation>ページの再読み取り</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Read %1 again with the languages you choose. Tick every language written on the page; its text, language badges and pending suggestions are replaced. Recorded findings stay.</source>
        <translation>選んだ言語で %1 を読み取り直します。ページに書かれている言語をすべてチェックしてください。テキスト、言語表示、未確認の提案は置き換えられます。確認済みの事実はそのまま残ります。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Asking Tesseract which languages are installed…</source>
        <translation>インストール済みの言語を Tesseract に問い合わせ中…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Read again</source>
        <translation>再読み取り</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No Tesseract language pack is installed; ask your administrator.</source>
        <translation>Tesseract の言語パックがインストールされていません。管理者に連絡してください。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Tick at least one language.</source>
        <translation>少なくとも 1 つの言語をチェックしてください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tesseract will read with: %1</source>
        <translation>Tesseract の読み取り言語: %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Stopping…</source>
        <translation>停止中…</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../examiner_app/ui/dialogs.py" line="+76"/>
        <source>Edit fact — %1</source>
        <translation>事実の修正 — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject suggestion — %1</source>
        <translation>提案の却下 — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change an earlier decision — %1</source>
        <translation>以前の判断の変更 — %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no source</source>
        <translation>出典なし</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Suggested: “%1” (%2, %3)</source>
        <translation>提案: 「%1」（%2、%3）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Why? (required — kept with the decision in the audit log; ↑ recalls a reason you gave before)</source>
        <translation>理由（必須 — 判断とともに監査ログに保存されます。↑ で以前の理由を呼び出せます）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Record edit</source>
        <translation>修正を記録</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reject</source>
        <translation>却下</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accept</source>
        <translation>承認する</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This fact is currently %1.</source>
        <translation>この事実の現在の状態: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Enter the corrected value. To discard the suggestion, reject it instead.</source>
        <translation>修正後の値を入力してください。提案を破棄する場合は、却下を選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give a reason; it is kept with the decision in the audit log.</source>
        <translation>理由を入力してください。判断とともに監査ログに保存されます。</translation>
    </message>
</context>
<context>
    <name>Repeat</name>
    <message>
        <location filename="../../examiner_app/ui/repeat_panel.py" line="+64"/>
        <source>New in this application</source>
        <translation>今回の申請で新たに記録</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>変更あり</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as in the earlier file</source>
        <translation>前回の記録と同じ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only in the earlier file</source>
        <translation>前回の記録のみ</translation>
    </message>
</context>
<context>
    <name>RepeatPanel</name>
    <message>
        <location line="+25"/>
        <source>What is new in this application</source>
        <translation>今回の申請で新たな点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The earlier file&apos;s recorded findings beside this one&apos;s, each with its source. A comparison, never a verdict: whether anything amounts to reasonable grounds is for the examiner to decide.</source>
        <translation>前回の記録で確認済みの事実を今回のものと並べ、それぞれ出典を示します。比較であって判断ではありません。相当の理由があるかどうかは審査官が判断します。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Why is this the same person? (required, kept in the audit log)</source>
        <translation>同一人物と判断する理由（必須、監査ログに保存されます）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm as earlier application</source>
        <translation>過去の申請として確認</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This application</source>
        <translation>今回の申請</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Earlier application</source>
        <translation>前回の申請</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Comparing…</source>
        <translation>比較しています…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Earlier application confirmed; the link and your reason are recorded.</source>
        <translation>過去の申請として確認しました。関連付けと理由が記録されました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not confirmed: %1</source>
        <translation>確認できませんでした: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Compared with %1 earlier application(s) an examiner confirmed.</source>
        <translation>審査官が確認した過去の申請 %1 件と比較しています。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No earlier application is confirmed for this case. A possible earlier application is a hint; confirm it here, with a reason, to compare the files.</source>
        <translation>この案件には確認済みの過去の申請がありません。過去の申請の可能性はヒントにすぎません。記録を比較するには、ここで理由を添えて確認してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No earlier application is confirmed for this case, and no possible one was found.</source>
        <translation>この案件には確認済みの過去の申請がなく、可能性のあるものも見つかりませんでした。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Comparison not available: %1</source>
        <translation>比較を表示できません: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Earlier application: %1</source>
        <translation>前回の申請: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Documents not in the earlier file</source>
        <translation>前回の記録になかった文書</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pinned COI (the earlier decision&apos;s date is not confirmed: none is called newer)</source>
        <translation>ピン留めした出身国情報（前回の処分日が未確認のため、新しいものとは表示しません）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>COI published since the earlier decision (%1)</source>
        <translation>前回の処分（%1）以後に公表された出身国情報</translation>
    </message>
</context>
<context>
    <name>ScoreTab</name>
    <message>
        <location filename="../../examiner_app/ui/training.py" line="-303"/>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score</source>
        <translation>採点</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+14"/>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Correct</source>
        <translation>正解</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partial</source>
        <translation>部分一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong</source>
        <translation>項目違い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>見落とし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spurious</source>
        <translation>過剰</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision</source>
        <translation>適合率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recall</source>
        <translation>再現率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+20"/>
        <source>Trainee</source>
        <translation>研修生</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Answer key</source>
        <translation>解答</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Pack</source>
        <translation>パック</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Only facts are scored: never credibility, outcomes or reasons.</source>
        <translation>採点するのは事実のみです。信ぴょう性・結論・理由は採点しません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>correct</source>
        <translation>正解</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partial</source>
        <translation>部分一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong field</source>
        <translation>項目違い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>missed</source>
        <translation>見落とし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>spurious</source>
        <translation>過剰</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open training pack</source>
        <translation>研修パックを開く</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Training pack (*.zip)</source>
        <translation>研修パック (*.zip)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Overall F1 %1 (precision %2, recall %3; partial matches count half).</source>
        <translation>全体F1 %1（適合率 %2、再現率 %3。部分一致は0.5として計算）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>key</source>
        <translation>解答</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>trainee</source>
        <translation>研修生</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../examiner_app/ui/dialogs.py" line="-250"/>
        <source>Sign in — Examiner Workbench</source>
        <translation>サインイン — 審査官ワークベンチ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every decision you record is kept under your name in the audit log.</source>
        <translation>記録したすべての判断は、あなたの名前で監査ログに保存されます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New profile…</source>
        <translation>新しいプロフィール…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your full name</source>
        <translation>氏名（フルネーム）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Profile</source>
        <translation>プロフィール</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+6"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Enter your name to sign in.</source>
        <translation>サインインするには氏名を入力してください。</translation>
    </message>
</context>
<context>
    <name>SimilarCard</name>
    <message>
        <location filename="../../examiner_app/ui/similar_panel.py" line="+93"/>
        <source>Prior case %1</source>
        <translation>過去の案件 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Case in the workbench: %1</source>
        <translation>ワークベンチ内の案件: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Countries: %1 · claimed grounds: %2 · %3: %4 · facts in common: %5</source>
        <translation>国: %1 · 申し立てた迫害理由: %2 · %3: %4 · 共通する事実: %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>decided on</source>
        <translation>決定日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>last recorded finding</source>
        <translation>最後に事実を記録した日</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How much the recorded facts overlap (country, grounds, profile, what happened). It says nothing about how either case should be decided.</source>
        <translation>記録された事実がどれだけ重なるか（国、迫害理由、属性、出来事）を示します。どちらの案件をどう判断すべきかについては何も示しません。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>source: %1</source>
        <translation>出典: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Same country of origin or nationality: %1</source>
        <translation>出身国または国籍が同じ: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Same claimed ground: %1</source>
        <translation>申し立てた迫害理由が同じ: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Same %1: %2</source>
        <translation>%1 が同じ: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happened reads alike (see the passages below)</source>
        <translation>出来事の記述が似ています（下の記述を参照）</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n COI excerpt(s) pinned to both cases</source>
        <translation>
            <numerusform>両方の案件にピン留めされた出身国情報の抜粋: %n 件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+14"/>
        <source>This case</source>
        <translation>この案件</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>Other case</source>
        <translation>他の案件</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>COI passage %1</source>
        <translation>出身国情報の記述 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passages that share words: %1</source>
        <translation>共通の語句がある記述: %1</translation>
    </message>
</context>
<context>
    <name>SimilarCasesPanel</name>
    <message>
        <location line="+13"/>
        <source>race</source>
        <translation>人種</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>religion</source>
        <translation>宗教</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>particular social group</source>
        <translation>特定の社会的集団の構成員であること</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>political opinion</source>
        <translation>政治的意見</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>finding</source>
        <translation>確認済みの事実</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finding, edited</source>
        <translation>確認済みの事実（修正あり）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>suggestion, not reviewed</source>
        <translation>提案（未確認）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prior-case record</source>
        <translation>過去の案件の記録</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Similar cases</source>
        <translation>類似案件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cases with similar facts, shown so that similar cases are assessed consistently — not a prediction for this case.</source>
        <translation>事実が似ている案件です。似た案件を一貫して評価するために示すもので、この案件の結果を予測するものではありません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Any country</source>
        <translation>すべての国</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Country of origin: a code, or type a country name</source>
        <translation>出身国: コードを選ぶか、国名を入力します</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any ground</source>
        <translation>すべての迫害理由</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>any date</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Decided (or last finding) on or after</source>
        <translation>決定日（または最後に事実を記録した日）がこの日以降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided (or last finding) on or before</source>
        <translation>決定日（または最後に事実を記録した日）がこの日以前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>From</source>
        <translation>期間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Open a case to see cases with similar facts.</source>
        <translation>案件を開くと、事実が似ている案件を表示します。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Looking for cases with similar facts…</source>
        <translation>事実が似ている案件を探しています…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Compared by facts and shared words only (AI is off or the meaning engine is missing): accounts told in other words or languages are not matched.</source>
        <translation>事実と共通の語句だけで比べています（AI がオフか、意味検索エンジンがありません）。別の言い回しや別の言語で語られた内容は一致しません。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n case(s) with similar facts.</source>
        <translation>
            <numerusform>事実が似ている案件: %n 件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No case with similar facts (with these filters).</source>
        <translation>（この絞り込み条件では）事実が似ている案件はありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” is not a country name or code the workbench knows: all countries were compared.</source>
        <translation>「%1」はワークベンチにない国名・国コードのため、すべての国と比べました。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Similar cases not available: %1</source>
        <translation>類似案件を表示できません: %1</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../examiner_app/ui/app.py" line="+135"/>
        <source>Examiner Workbench cannot start</source>
        <translation>審査官ワークベンチを起動できません</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <location filename="../../examiner_app/ui/summary_panel.py" line="+78"/>
        <source>Sign off…</source>
        <translation>承認…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign off the findings and pinned excerpts of this summary under your name. The working note then shows who signed it off and when, until a finding or pin changes.</source>
        <translation>この要約の確認済みの事実とピン留めした抜粋をあなたの名前で承認します。確認済みの事実やピンが変わるまで、作業メモには誰がいつ承認したかが表示されます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refresh</source>
        <translation>再読み込み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rebuild the summary from the facts recorded so far</source>
        <translation>これまでに記録された事実から要約を作り直します</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export working note (PDF)…</source>
        <translation>作業メモを書き出す (PDF)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A PDF of this summary with every line&apos;s source, your name and the time. It is marked “DRAFT — not signed off”.</source>
        <translation>各行の出典、あなたの名前、日時を含むこの要約の PDF です。「草稿 — 未承認」と表示されます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Field / value</source>
        <translation>項目 / 値</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Fact sheet</source>
        <translation>事実一覧</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chronology</source>
        <translation>時系列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the documents say, with sources — not an assessment. Select a line to see its words on the page.</source>
        <translation>文書に書かれていることを出典つきで示します — 評価ではありません。行を選ぶと、ページ上の該当語句を表示します。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Fingerprint (SHA-256) of the findings and pinned excerpts shown: %1</source>
        <translation>表示中の確認済みの事実とピン留めした抜粋のフィンガープリント（SHA-256）: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A PDF of this summary with every line&apos;s source, your name and the time, marked “%1”.</source>
        <translation>各行の出典、あなたの名前、日時を含むこの要約の PDF です。「%1」と表示されます。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Sign off the summary</source>
        <translation>要約の承認</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign off this summary under your name? You sign its %1 findings and %2 pinned excerpts as they are shown now; suggestions not confirmed are not part of it.</source>
        <translation>この要約をあなたの名前で承認しますか？ 現在表示されている確認済みの事実 %1 件とピン留めした抜粋 %2 件を承認します。未確認の候補は含まれません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your name, the time and a fingerprint of the content are kept and recorded in the audit log. If a finding or pinned excerpt changes later, the working note becomes a draft again.</source>
        <translation>あなたの名前、日時、内容のフィンガープリントが保存され、監査ログに記録されます。後で確認済みの事実やピン留めした抜粋が変わると、作業メモは再び草稿になります。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign off</source>
        <translation>承認する</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 findings · %2 suggestions not confirmed · %3 conflicts</source>
        <translation>確認済み %1 件 · 未確認の提案 %2 件 · 食い違い %3 件</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>conflict</source>
        <translation>食い違い</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The documents give different values for this field. All of them are listed with their sources; none was chosen.</source>
        <translation>この項目について文書ごとに値が異なります。すべての値を出典つきで示しており、どれも選んでいません。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 — as written: “%2”</source>
        <translation>%1 — 原文の表記:「%2」</translation>
    </message>
</context>
<context>
    <name>SupportedLanguagesDialog</name>
    <message>
        <location filename="../../examiner_app/ui/page_dialogs.py" line="+11"/>
        <source>Supported languages</source>
        <translation>対応言語</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The language detector tells these %1 languages apart. Pages and blocks in any other language, or too short or mixed to tell, are marked “undetermined” (und) in amber: check them yourself and, if needed, read the page again with the right language.</source>
        <translation>言語判定はこれら %1 言語を区別します。それ以外の言語、または短すぎたり混在していて判定できないページやブロックは、琥珀色で「判定不能」(und) と表示されます。ご自身で確認し、必要なら正しい言語でページを読み取り直してください。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Native name</source>
        <translation>現地語での名称</translation>
    </message>
</context>
<context>
    <name>TrainerWorkspace</name>
    <message>
        <location filename="../../examiner_app/ui/training.py" line="+189"/>
        <source>Training — Examiner Workbench</source>
        <translation>研修 — Examiner Workbench</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export a pack</source>
        <translation>パックの書き出し</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scored exercise</source>
        <translation>演習の採点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainees over time</source>
        <translation>研修生の推移</translation>
    </message>
</context>
<context>
    <name>WorkingNote</name>
    <message>
        <location filename="../../examiner_app/ui/working_note.py" line="+40"/>
        <location line="+13"/>
        <source>entered by the examiner, no source document</source>
        <translation>審査官が入力（出典文書なし）</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>%1, p. %2, chars %3–%4</source>
        <translation>%1、%2 ページ、%3–%4 文字目</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>p. %2 · chars %3–%4 · %1</source>
        <translation>%2 ページ · %3–%4 文字目 · %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>suggestion — not confirmed</source>
        <translation>提案 — 未確認</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ finding (corrected by the examiner)</source>
        <translation>✓ 確認済み（審査官が修正）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ finding</source>
        <translation>✓ 確認済み</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>DRAFT — not signed off</source>
        <translation>草稿 — 未承認</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signed off by %1 on %2</source>
        <translation>%1 が %2 に承認</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DRAFT — changed since sign-off by %1 on %2</source>
        <translation>草稿 — %1 による %2 の承認後に変更あり</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>DRAFT — changed since sign-off</source>
        <translation>草稿 — 承認後に変更あり</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Working note</source>
        <translation>作業メモ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Case reference</source>
        <translation>案件番号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Examiner</source>
        <translation>審査官</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generated</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contents</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 findings recorded by an examiner · %2 suggestions not confirmed · %3 conflicts</source>
        <translation>審査官が記録した確認済みの事実 %1 件 · 未確認の提案 %2 件 · 食い違い %3 件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>What the documents say, each line with its source (file, page, characters). Lines marked “suggestion — not confirmed” were read by the software and have not been checked by an examiner. This note assesses neither credibility nor the outcome of the claim.</source>
        <translation>文書に書かれていることを、各行の出典（ファイル、ページ、文字位置）とともに示します。「提案 — 未確認」の行はソフトウェアが読み取ったもので、審査官はまだ確認していません。このメモは信憑性も申請の結果も評価しません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Fact sheet</source>
        <translation>事実一覧</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No facts recorded or suggested yet.</source>
        <translation>記録・提案された事実はまだありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>conflict</source>
        <translation>食い違い</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chronology</source>
        <translation>時系列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No dated statements found yet.</source>
        <translation>日付のある記述はまだ見つかっていません。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Pinned country-of-origin information</source>
        <translation>ピン留めした出身国情報</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No excerpts pinned to this case.</source>
        <translation>この事案にピン留めした抜粋はありません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pinned to the case</source>
        <translation>事案にピン留め</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pinned to the fact “%1”</source>
        <translation>事実「%1」にピン留め</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Examiner&apos;s note: %1</source>
        <translation>審査官のメモ: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Evidence by the elements of the Guide, and the examiner&apos;s reasoning</source>
        <translation>ガイドラインの要素別の証拠と審査官の検討</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only suggestions not confirmed by an examiner bear on this element (see the fact sheet).</source>
        <translation>この要素に関係するのは審査官が確認していない提案のみです（事実一覧を参照）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Examiner&apos;s reasoning (%1, %2):</source>
        <translation>審査官の検討（%1、%2）:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No reasoning written by the examiner on this element.</source>
        <translation>この要素について審査官の検討は書かれていません。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Working note — %1</source>
        <translation>作業メモ — %1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Generated by %1 on %2 with Examiner Workbench</source>
        <translation>%1 が %2 に審査官ワークベンチで作成</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>page %1 of %2</source>
        <translation>%2 の %1 ページ</translation>
    </message>
</context>
</TS>
