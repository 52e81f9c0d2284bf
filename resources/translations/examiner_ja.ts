<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
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
        <location filename="../../examiner_app/ui/workspace.py" line="+135"/>
        <source>Signed in as %1: only an examiner can accept, edit or reject facts.</source>
        <translation>%1としてサインイン中: 事実の承認・修正・却下は審査官のみが行えます。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Documents</source>
        <translation>文書</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location line="+64"/>
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
        <location line="+11"/>
        <source>Loading case…</source>
        <translation>案件を読み込み中…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>documents: %1</source>
        <translation>文書: %1</translation>
    </message>
    <message>
        <location line="+26"/>
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
        <location line="+103"/>
        <source>This fact is already accepted.</source>
        <translation>この事実はすでに承認済みです。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Recorded without its source page on screen. Suggestions can be wrong: look at the highlighted words on the page image before you rely on this finding.</source>
        <translation>出典ページを表示しないまま記録しました。提案は誤っていることがあります。この事実に依拠する前に、ページ画像で強調表示された語句を確認してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Decision not recorded</source>
        <translation>判断は記録されませんでした</translation>
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
    <name>Errors</name>
    <message>
        <location filename="../../examiner_app/ui/dialogs.py" line="+39"/>
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
    <name>FactTableModel</name>
    <message>
        <location filename="../../examiner_app/ui/qt_models.py" line="+156"/>
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
        <location filename="../../examiner_app/ui/facts_panel.py" line="+73"/>
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
        <location line="+9"/>
        <source>Show all</source>
        <translation>すべて表示</translation>
    </message>
    <message>
        <location line="+41"/>
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
        <location line="+33"/>
        <source>Min. confidence</source>
        <translation>最低信頼度</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>%1 to review · %2 accepted · %3 edited · %4 rejected</source>
        <translation>確認待ち %1 · 承認 %2 · 修正 %3 · 却下 %4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 hidden by filters</source>
        <translation>絞り込みで %1 件を非表示</translation>
    </message>
    <message>
        <location line="+29"/>
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
        <location filename="../../examiner_app/ui/page_text.py" line="+76"/>
        <source>%1 — detector confidence %2</source>
        <translation>%1 — 判定の信頼度 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>language not detected</source>
        <translation>言語未判定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>undetermined</source>
        <translation>判定不能</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../examiner_app/ui/main_window.py" line="+48"/>
        <location line="+144"/>
        <source>Examiner Workbench</source>
        <translation>審査官ワークベンチ</translation>
    </message>
    <message>
        <location line="-119"/>
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
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Examiner Workbench</source>
        <translation>審査官ワークベンチについて(&amp;A)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Signed in: %1 (%2)</source>
        <translation>サインイン中: %1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+3"/>
        <source>When off, no model or suggestion engine runs: files are still read (OCR) and languages detected, and you record facts yourself.</source>
        <translation>オフのときはモデルや提案エンジンを一切使いません。ファイルの読み取り（OCR）と言語判定は行われ、事実はご自身で記録します。</translation>
    </message>
    <message>
        <location line="+13"/>
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
        <location line="+16"/>
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
    <name>PageTextPanel</name>
    <message>
        <location filename="../../examiner_app/ui/page_text.py" line="+97"/>
        <source>Page text</source>
        <translation>ページのテキスト</translation>
    </message>
    <message>
        <location line="+40"/>
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
        <location filename="../../examiner_app/ui/qt_models.py" line="-225"/>
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
        <location filename="../../examiner_app/ui/page_viewer.py" line="+133"/>
        <source>OCR confidence %1 for “%2”: check the image</source>
        <translation>「%2」の OCR 信頼度は %1 です。画像で確認してください</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <location line="+151"/>
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
        <location line="+62"/>
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
    <name>ReasonDialog</name>
    <message>
        <location line="+76"/>
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
        <location line="+9"/>
        <source>Why? (required — kept with the decision in the audit log)</source>
        <translation>理由（必須 — 判断とともに監査ログに保存されます）</translation>
    </message>
    <message>
        <location line="+5"/>
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
    <name>SignInDialog</name>
    <message>
        <location line="-246"/>
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
    <name>Startup</name>
    <message>
        <location filename="../../examiner_app/ui/app.py" line="+135"/>
        <source>Examiner Workbench cannot start</source>
        <translation>審査官ワークベンチを起動できません</translation>
    </message>
</context>
</TS>
