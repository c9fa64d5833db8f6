<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ApplicantPanel</name>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="37"/>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="42"/>
        <source>ID number</source>
        <translation>Số định danh (CCCD)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="43"/>
        <source>Full name</source>
        <translation>Họ, chữ đệm và tên</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="44"/>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="45"/>
        <source>Place of residence</source>
        <translation>Nơi cư trú</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="46"/>
        <source>Issue date</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="47"/>
        <source>Old ID number</source>
        <translation>Số CMND cũ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="54"/>
        <source>dd/mm/yyyy</source>
        <translation>ngày/tháng/năm</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="68"/>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="69"/>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="71"/>
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="95"/>
        <source>e.g. 0912345678</source>
        <translation>ví dụ 0912345678</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="98"/>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="99"/>
        <source>Email</source>
        <translation>Thư điện tử</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="82"/>
        <source>Raw QR payload</source>
        <translation>Nội dung QR gốc</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="175"/>
        <source>Dates are written dd/mm/yyyy.</source>
        <translation>Ngày được ghi theo dạng ngày/tháng/năm (dd/mm/yyyy).</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="253"/>
        <source>QR</source>
        <translation>QR</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="254"/>
        <source>typed</source>
        <translation>nhập tay</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="255"/>
        <source>chip</source>
        <translation>chip</translation>
    </message>
    <message>
        <location filename="../../ui/gui/applicant_panel.py" line="256"/>
        <source>chip (unverified)</source>
        <translation>chip (chưa xác thực)</translation>
    </message>
    <message>
        <source>as on the card; correct it if it changed</source>
        <translation>như trên thẻ; sửa nếu đã thay đổi</translation>
    </message>
    <message>
        <source>The current address, confirmed with the citizen: the forms print it</source>
        <translation>Địa chỉ hiện tại, đã xác nhận với công dân: in trên các mẫu</translation>
    </message>
    <message>
        <source>Current address</source>
        <translation>Địa chỉ hiện tại</translation>
    </message>
</context>
<context>
    <name>CapturePanel</name>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="60"/>
        <source>Digitise components</source>
        <translation>Số hóa thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="72"/>
        <source>Automatic colour</source>
        <translation>Màu tự động</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="73"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="74"/>
        <source>Greyscale</source>
        <translation>Thang xám</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="75"/>
        <source>Black and white</source>
        <translation>Đen trắng</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="80"/>
        <source>Capture</source>
        <translation>Chụp/quét</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="82"/>
        <source>Add files…</source>
        <translation>Thêm tệp…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="83"/>
        <source>Rotate left</source>
        <translation>Xoay trái</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="84"/>
        <source>Rotate right</source>
        <translation>Xoay phải</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="85"/>
        <source>Delete page</source>
        <translation>Xóa trang</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="86"/>
        <source>Make PDF</source>
        <translation>Tạo PDF</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="91"/>
        <source>Drop scans here, or capture from a device.</source>
        <translation>Kéo thả bản quét vào đây, hoặc quét/chụp từ thiết bị.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="97"/>
        <source>Attach instead of scanning</source>
        <translation>Dùng lại, không cần quét</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="120"/>
        <source>Component:</source>
        <translation>Thành phần:</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="123"/>
        <source>Already digitised for this citizen</source>
        <translation>Đã số hóa cho công dân này</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="169"/>
        <source>Capturing…</source>
        <translation>Đang quét/chụp…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="179"/>
        <source>Add scanned files</source>
        <translation>Thêm tệp đã quét</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="181"/>
        <source>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
        <translation>Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="188"/>
        <source>Reading files…</source>
        <translation>Đang đọc tệp…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="217"/>
        <source>Making the PDF…</source>
        <translation>Đang tạo PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="245"/>
        <source>Pages added: %1.</source>
        <translation>Đã thêm %1 trang.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="249"/>
        <source>Not added (the other files were): %1</source>
        <translation>Không thêm được (các tệp khác vẫn được thêm): %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="262"/>
        <source>%1 saved: %2 page(s), %3 KB.</source>
        <translation>Đã lưu %1: %2 trang, %3 KB.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="272"/>
        <source>%1 — %2 — %3 page(s)</source>
        <translation>%1 — %2 — %3 trang</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="285"/>
        <source>Reused %1 from %2.</source>
        <translation>Đã dùng lại %1 (số hóa ngày %2).</translation>
    </message>
    <message>
        <location filename="../../ui/gui/capture_panel.py" line="313"/>
        <source>Save the dossier first: its code names the files.</source>
        <translation>Hãy lưu hồ sơ trước: mã hồ sơ dùng để đặt tên tệp.</translation>
    </message>
    <message>
        <source>Capture into the component</source>
        <translation>Quét vào thành phần hồ sơ</translation>
    </message>
    <message>
        <source>Capture (F4)</source>
        <translation>Quét (F4)</translation>
    </message>
    <message>
        <source>Pages discarded: the dossier changed.</source>
        <translation>Đã bỏ các trang: hồ sơ đã thay đổi.</translation>
    </message>
    <message>
        <source>%1 page(s) added to %2.</source>
        <translation>Đã thêm %1 trang vào %2.</translation>
    </message>
    <message>
        <source>Choose the procedure: pages go into its components.</source>
        <translation>Chọn thủ tục: các trang được đưa vào thành phần hồ sơ của thủ tục.</translation>
    </message>
    <message>
        <source>Pages go into: %1 · %2</source>
        <translation>Các trang đưa vào: %1 · %2</translation>
    </message>
    <message>
        <source>%1 is only shown: nothing to capture.</source>
        <translation>%1 chỉ xuất trình: không cần số hoá.</translation>
    </message>
</context>
<context>
    <name>CardReading</name>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="264"/>
        <source>ID card chip</source>
        <translation>Chip thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="276"/>
        <source>Lay the simulated card</source>
        <translation>Đặt thẻ mô phỏng</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="281"/>
        <source>Simulated card</source>
        <translation>Thẻ mô phỏng</translation>
    </message>
</context>
<context>
    <name>ChipKeysDialog</name>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="97"/>
        <source>Open the chip</source>
        <translation>Mở chip</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="103"/>
        <source>dd/mm/yyyy</source>
        <translation>nn/tt/nnnn</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="106"/>
        <source>dd/mm/yyyy (only for cards without PACE)</source>
        <translation>nn/tt/nnnn (chỉ cần cho thẻ không hỗ trợ PACE)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="115"/>
        <source>Type the ID number printed on the card.</source>
        <translation>Nhập số định danh in trên thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="116"/>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="117"/>
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="118"/>
        <source>Issue date</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="126"/>
        <source>The date of birth must be dd/mm/yyyy.</source>
        <translation>Ngày sinh phải có dạng nn/tt/nnnn.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="131"/>
        <source>The ID number must be 12 digits.</source>
        <translation>Số định danh phải gồm 12 chữ số.</translation>
    </message>
</context>
<context>
    <name>ChipResultPanel</name>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="151"/>
        <location filename="../../ui/gui/card_reading.py" line="198"/>
        <source>No photo</source>
        <translation>Không có ảnh</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="156"/>
        <source>Lay the ID card on the reader</source>
        <translation>Đặt thẻ căn cước lên đầu đọc</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="177"/>
        <source>Reading the chip… keep the card on the reader</source>
        <translation>Đang đọc chip… giữ thẻ trên đầu đọc</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="215"/>
        <source>Chip GENUINE — issuer verified</source>
        <translation>Chip HỢP LỆ — đã xác minh cơ quan cấp</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="217"/>
        <source>Chip data intact and signed — issuer NOT verified</source>
        <translation>Dữ liệu chip nguyên vẹn và có chữ ký — CHƯA xác minh cơ quan cấp</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="219"/>
        <source>NOT GENUINE — do not accept this card</source>
        <translation>KHÔNG HỢP LỆ — không tiếp nhận thẻ này</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="220"/>
        <source>Authenticity NOT checked</source>
        <translation>CHƯA kiểm tra tính xác thực</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="227"/>
        <source>Data changed after the card was issued (%1).</source>
        <translation>Dữ liệu bị thay đổi sau khi cấp thẻ (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="229"/>
        <source>The signature over the card&apos;s data is invalid.</source>
        <translation>Chữ ký trên dữ liệu của thẻ không hợp lệ.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="231"/>
        <source>The card&apos;s signer was not issued by a trusted authority.</source>
        <translation>Chứng thư ký của thẻ không do cơ quan tin cậy cấp.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="233"/>
        <source>The chip failed active authentication (possible copy).</source>
        <translation>Chip không qua xác thực chủ động (có thể là thẻ sao chép).</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="235"/>
        <source>No certificate of the issuing authority is installed.</source>
        <translation>Chưa cài chứng thư của cơ quan cấp thẻ.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/card_reading.py" line="237"/>
        <source>The chip has no security object.</source>
        <translation>Chip không có đối tượng bảo mật (SOD).</translation>
    </message>
</context>
<context>
    <name>ComponentList</name>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="91"/>
        <source>Dossier components</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="94"/>
        <source>Choose a procedure to see its components.</source>
        <translation>Chọn thủ tục để xem thành phần hồ sơ.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="101"/>
        <source>at the counter</source>
        <translation>tại Bộ phận tiếp nhận và trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="102"/>
        <source>by post</source>
        <translation>qua dịch vụ bưu chính</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="104"/>
        <source>Number of dossier sets</source>
        <translation>Số lượng hồ sơ (bộ)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="105"/>
        <source>Result received</source>
        <translation>Nhận kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="123"/>
        <source>original</source>
        <translation>bản chính</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="124"/>
        <source>copy</source>
        <translation>bản sao</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="125"/>
        <source>original or copy</source>
        <translation>bản chính hoặc bản sao</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="129"/>
        <source>copies</source>
        <translation>bản</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="131"/>
        <source>(if any)</source>
        <translation>(nếu có)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="157"/>
        <source>paper</source>
        <translation>bản giấy</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="158"/>
        <source>digitised</source>
        <translation>bản điện tử</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="159"/>
        <source>reused</source>
        <translation>tái sử dụng</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="160"/>
        <source>not received</source>
        <translation>chưa nộp</translation>
    </message>
    <message>
        <source>F4 captures the pages of the highlighted component</source>
        <translation>F4 quét các trang của thành phần đang chọn</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>Số bộ</translation>
    </message>
    <message>
        <source>kept copy</source>
        <translation>bản đã lưu</translation>
    </message>
    <message>
        <source>%1 p.</source>
        <translation>%1 tr.</translation>
    </message>
    <message>
        <source>shown to be checked, handed back</source>
        <translation>xuất trình để đối chiếu, trả lại</translation>
    </message>
    <message>
        <source>shown, checked</source>
        <translation>đã xuất trình, đã đối chiếu</translation>
    </message>
    <message>
        <source>not shown</source>
        <translation>chưa xuất trình</translation>
    </message>
</context>
<context>
    <name>DossierChecks</name>
    <message>
        <location filename="../../ui/gui/dossier_checks.py" line="63"/>
        <source>same day</source>
        <translation>trong ngày</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_checks.py" line="65"/>
        <source>%1 working hours</source>
        <translation>%1 giờ làm việc</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_checks.py" line="67"/>
        <source>%1 working days</source>
        <translation>%1 ngày làm việc</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_checks.py" line="69"/>
        <source>Processing time: %1. If saved now, the result is due at %2.</source>
        <translation>Thời hạn giải quyết: %1. Nếu lưu bây giờ, hẹn trả kết quả lúc %2.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_checks.py" line="86"/>
        <source>This person already has an open dossier for this procedure: %1</source>
        <translation>Người này đang có hồ sơ chưa giải quyết xong cho thủ tục này: %1</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="18"/>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="19"/>
        <source>Received</source>
        <translation>Giờ nhận</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="20"/>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="21"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="22"/>
        <source>Upload</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/dossier_table.py" line="77"/>
        <source>not sent</source>
        <translation>chưa gửi</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/gui/main_window.py" line="72"/>
        <source>Reception — %1</source>
        <translation>Tiếp nhận hồ sơ — %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="76"/>
        <source>Camera preview</source>
        <translation>Hình ảnh camera</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="120"/>
        <source>Today&apos;s dossiers</source>
        <translation>Hồ sơ tiếp nhận hôm nay</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="148"/>
        <location filename="../../ui/gui/main_window.py" line="151"/>
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="148"/>
        <location filename="../../ui/gui/main_window.py" line="151"/>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="92"/>
        <source>Scan QR</source>
        <translation>Quét mã QR</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="96"/>
        <source>Save dossier</source>
        <translation>Lưu hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="100"/>
        <source>New dossier</source>
        <translation>Hồ sơ mới</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="103"/>
        <location filename="../../ui/gui/main_window.py" line="285"/>
        <location filename="../../ui/gui/main_window.py" line="393"/>
        <source>Reception</source>
        <translation>Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="176"/>
        <source>Show the QR code of the ID card to the camera…</source>
        <translation>Đưa mã QR trên thẻ căn cước vào camera…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="214"/>
        <source>QR from file…</source>
        <translation>QR từ tệp…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="238"/>
        <source>ID card QR read.</source>
        <translation>Đã đọc mã QR của thẻ căn cước.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="249"/>
        <source>Read the ID card QR from a file</source>
        <translation>Đọc mã QR thẻ căn cước từ tệp</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="251"/>
        <source>Photos and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)</source>
        <translation>Ảnh và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="279"/>
        <source>No QR code found in the file.</source>
        <translation>Không tìm thấy mã QR trong tệp.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="285"/>
        <source>This file cannot be read as a photo or a PDF.</source>
        <translation>Không đọc được tệp này như một ảnh hoặc một tệp PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="337"/>
        <source>Choose a procedure.</source>
        <translation>Chọn thủ tục.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="339"/>
        <source>Cannot save yet</source>
        <translation>Chưa thể lưu</translation>
    </message>
    <message>
        <location filename="../../ui/gui/main_window.py" line="356"/>
        <source>Dossier %1 saved.</source>
        <translation>Đã lưu hồ sơ %1.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Find the procedure</source>
        <translation>Tìm thủ tục</translation>
    </message>
    <message>
        <source>Open the selected dossier</source>
        <translation>Mở hồ sơ đang chọn</translation>
    </message>
    <message>
        <source>&amp;Dossier</source>
        <translation>&amp;Hồ sơ</translation>
    </message>
    <message>
        <source>&amp;Applicant</source>
        <translation>&amp;Người nộp</translation>
    </message>
    <message>
        <source>&amp;Components</source>
        <translation>&amp;Thành phần</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>Hô&amp;m nay</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Cài đặt</translation>
    </message>
    <message>
        <source>On saving, the receipt goes</source>
        <translation>Khi lưu, giấy tiếp nhận được</translation>
    </message>
    <message>
        <source>to a preview</source>
        <translation>xem trước</translation>
    </message>
    <message>
        <source>to the default printer</source>
        <translation>in ra máy in mặc định</translation>
    </message>
    <message>
        <source>to a PDF file</source>
        <translation>lưu thành tệp PDF</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>Ngôn ngữ (sau khi mở lại)</translation>
    </message>
    <message>
        <source>The language changes when the window is opened again.</source>
        <translation>Ngôn ngữ sẽ đổi khi mở lại cửa sổ.</translation>
    </message>
    <message>
        <source>Capture the pages of %1, or mark it as paper.</source>
        <translation>Quét các trang của %1, hoặc ghi là bản giấy.</translation>
    </message>
    <message>
        <source>Attach the kept copy of %1, or mark it as paper.</source>
        <translation>Đính kèm bản đã lưu của %1, hoặc ghi là bản giấy.</translation>
    </message>
    <message>
        <source>Saving the dossier…</source>
        <translation>Đang lưu hồ sơ…</translation>
    </message>
    <message>
        <source>Saving the dossier and making %1 PDF(s)…</source>
        <translation>Đang lưu hồ sơ và tạo %1 tệp PDF…</translation>
    </message>
    <message>
        <source>The dossier is still here, nothing was lost: fix the cause and save again.</source>
        <translation>Hồ sơ vẫn còn nguyên, không mất gì: khắc phục nguyên nhân rồi lưu lại.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Chưa lưu được</translation>
    </message>
    <message>
        <source>Unsaved dossier</source>
        <translation>Hồ sơ chưa lưu</translation>
    </message>
    <message>
        <source>The dossier in reception is not saved. Drop it?</source>
        <translation>Hồ sơ đang tiếp nhận chưa được lưu. Bỏ hồ sơ này?</translation>
    </message>
    <message>
        <source>Making the PDFs: component %1 of %2, %3 %…</source>
        <translation>Đang tạo tệp PDF: thành phần %1/%2, %3 %…</translation>
    </message>
    <message>
        <source>QR shown on VNeID</source>
        <translation>Mã QR trên VNeID</translation>
    </message>
    <message>
        <source>The QR just read was shown on the VNeID app: record VNeID as its source</source>
        <translation>Mã QR vừa đọc được xuất trình trên ứng dụng VNeID: ghi nguồn là VNeID</translation>
    </message>
    <message>
        <source>Read the QR on the VNeID app first.</source>
        <translation>Hãy đọc mã QR trên ứng dụng VNeID trước.</translation>
    </message>
    <message>
        <source>Source: VNeID (account not checked).</source>
        <translation>Nguồn: VNeID (chưa kiểm tra tài khoản).</translation>
    </message>
    <message>
        <source>Source: VNeID; checking the account…</source>
        <translation>Nguồn: VNeID; đang kiểm tra tài khoản…</translation>
    </message>
    <message>
        <source>VNeID account verified.</source>
        <translation>Tài khoản VNeID đã được xác thực.</translation>
    </message>
    <message>
        <source>VNeID account not verified (the service did not say yes).</source>
        <translation>Tài khoản VNeID chưa được xác thực (dịch vụ không xác nhận).</translation>
    </message>
    <message>
        <source>Data subjects' requests…</source>
        <translation>Yêu cầu của chủ thể dữ liệu…</translation>
    </message>
    <message>
        <source>&amp;Privacy</source>
        <translation>&amp;Dữ liệu cá nhân</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The name or the password is wrong, or the account is turned off.</source>
        <translation>Tên hoặc mật khẩu không đúng, hoặc tài khoản đã bị khóa.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Hãy đăng nhập trước.</translation>
    </message>
    <message>
        <source>Only an administrator may do this. Ask an administrator to sign in.</source>
        <translation>Chỉ quản trị viên được làm việc này. Hãy nhờ quản trị viên đăng nhập.</translation>
    </message>
    <message>
        <source>The account cannot be created or changed like this. Check the name and the password.</source>
        <translation>Không thể tạo hoặc sửa tài khoản như vậy. Hãy kiểm tra tên và mật khẩu.</translation>
    </message>
    <message>
        <source>The processing log was changed outside the app. Call the administrator.</source>
        <translation>Nhật ký xử lý dữ liệu đã bị sửa bên ngoài ứng dụng. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The request cannot be recorded like this. Check the ID number and the dates.</source>
        <translation>Không thể ghi nhận yêu cầu như vậy. Hãy kiểm tra số định danh và các ngày.</translation>
    </message>
    <message>
        <source>Unexpected error. The details are in the log.</source>
        <translation>Lỗi không mong muốn. Chi tiết có trong nhật ký.</translation>
    </message>
    <message>
        <source>The request could not be completed. Check what was entered and try again.</source>
        <translation>Không thực hiện được yêu cầu. Hãy kiểm tra thông tin đã nhập rồi thử lại.</translation>
    </message>
    <message>
        <source>The configuration file is invalid. Call the administrator.</source>
        <translation>Tệp cấu hình không hợp lệ. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The local database cannot be written. Nothing was lost; check the disk and try again.</source>
        <translation>Không ghi được cơ sở dữ liệu trên máy. Chưa mất dữ liệu nào; hãy kiểm tra ổ đĩa rồi thử lại.</translation>
    </message>
    <message>
        <source>The disk is full: the dossier was not saved. Free some space and save again.</source>
        <translation>Ổ đĩa đã đầy: hồ sơ chưa được lưu. Hãy giải phóng dung lượng rồi lưu lại.</translation>
    </message>
    <message>
        <source>The local database cannot be written (read-only file or folder). Call the administrator.</source>
        <translation>Không ghi được cơ sở dữ liệu trên máy (tệp hoặc thư mục chỉ đọc). Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>Another program is holding the local database. Close it, then try again.</source>
        <translation>Một chương trình khác đang giữ cơ sở dữ liệu trên máy. Hãy đóng chương trình đó rồi thử lại.</translation>
    </message>
    <message>
        <source>The local database file is damaged. Stop receiving dossiers on this computer and call the administrator to restore the latest backup (reception db restore); nothing is deleted.</source>
        <translation>Tệp cơ sở dữ liệu trên máy bị hỏng. Hãy ngừng tiếp nhận hồ sơ trên máy này và báo quản trị viên khôi phục bản sao lưu gần nhất (reception db restore); không dữ liệu nào bị xoá.</translation>
    </message>
    <message>
        <source>The key of the local database cannot be read (the OS key store or the key file). Call the administrator.</source>
        <translation>Không đọc được khoá của cơ sở dữ liệu trên máy (kho khoá của hệ điều hành hoặc tệp khoá). Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The local database cannot be read with this computer&apos;s key. Call the administrator to put back this data folder&apos;s key or restore a backup made here; nothing is deleted.</source>
        <translation>Không đọc được cơ sở dữ liệu trên máy bằng khoá của máy này. Hãy báo quản trị viên đặt lại khoá của thư mục dữ liệu này hoặc khôi phục bản sao lưu tạo trên máy này; không dữ liệu nào bị xoá.</translation>
    </message>
    <message>
        <source>A document kept on this computer is damaged or was changed (it fails its check). Scan the paper again; call the administrator if it happens again.</source>
        <translation>Một tài liệu lưu trên máy này bị hỏng hoặc đã bị thay đổi (không qua được bước kiểm tra). Hãy quét lại bản giấy; nếu còn lặp lại, hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The database backup could not be made or used. Check the backup folder or drive.</source>
        <translation>Không tạo hoặc dùng được bản sao lưu cơ sở dữ liệu. Hãy kiểm tra thư mục hoặc ổ đĩa sao lưu.</translation>
    </message>
    <message>
        <source>The file or value is not valid or is beyond the limits. Nothing was changed.</source>
        <translation>Tệp hoặc giá trị không hợp lệ hoặc vượt quá giới hạn. Không có gì bị thay đổi.</translation>
    </message>
    <message>
        <source>The text is too long or holds characters that cannot be printed.</source>
        <translation>Văn bản quá dài hoặc chứa ký tự không in được.</translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation>Ngày sinh ở tương lai.</translation>
    </message>
    <message>
        <source>No upload user name and password are set: the dossiers wait in the queue. Call the administrator.</source>
        <translation>Chưa đặt tên đăng nhập và mật khẩu gửi hồ sơ: các hồ sơ đang chờ trong hàng đợi. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The disk failed a read or write. Check the disk, then try again.</source>
        <translation>Ổ đĩa bị lỗi khi đọc hoặc ghi. Hãy kiểm tra ổ đĩa rồi thử lại.</translation>
    </message>
    <message>
        <source>The local database refused an operation (a fault in the app). Nothing was saved; the details are in the log.</source>
        <translation>Cơ sở dữ liệu trên máy từ chối một thao tác (lỗi của phần mềm). Chưa có gì được lưu; chi tiết có trong nhật ký.</translation>
    </message>
    <message>
        <source>This counter has used up its block of dossier numbers for today. Call the administrator.</source>
        <translation>Quầy này đã dùng hết dải số thứ tự hồ sơ của hôm nay. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The local working-day calendar is invalid. Call the administrator.</source>
        <translation>Lịch ngày làm việc của đơn vị không hợp lệ. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The procedure catalogue is invalid. Call the administrator.</source>
        <translation>Danh mục thủ tục không hợp lệ. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>This procedure is not in the catalogue.</source>
        <translation>Thủ tục này không có trong danh mục.</translation>
    </message>
    <message>
        <source>Some details of the applicant are missing or invalid.</source>
        <translation>Một số thông tin của người nộp hồ sơ còn thiếu hoặc không hợp lệ.</translation>
    </message>
    <message>
        <source>No dossier has this code.</source>
        <translation>Không có hồ sơ nào có mã này.</translation>
    </message>
    <message>
        <source>A dossier component is not part of this procedure.</source>
        <translation>Một thành phần hồ sơ không thuộc thủ tục này.</translation>
    </message>
    <message>
        <source>The date range is invalid.</source>
        <translation>Khoảng thời gian không hợp lệ.</translation>
    </message>
    <message>
        <source>This QR code is not the QR of an ID card.</source>
        <translation>Mã QR này không phải mã QR của thẻ căn cước.</translation>
    </message>
    <message>
        <source>The keys typed for the chip are invalid: check the ID number and the dates.</source>
        <translation>Thông tin nhập để mở chip không hợp lệ: hãy kiểm tra số định danh và các ngày.</translation>
    </message>
    <message>
        <source>The device is not connected or is in use by another program.</source>
        <translation>Thiết bị chưa được kết nối hoặc đang được chương trình khác sử dụng.</translation>
    </message>
    <message>
        <source>Another program is using the device.</source>
        <translation>Một chương trình khác đang dùng thiết bị.</translation>
    </message>
    <message>
        <source>The device failed.</source>
        <translation>Thiết bị gặp lỗi.</translation>
    </message>
    <message>
        <source>The card was removed before the reading finished. Lay it down again.</source>
        <translation>Thẻ đã bị nhấc ra trước khi đọc xong. Hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <source>The card did not answer correctly. Lay it down again.</source>
        <translation>Thẻ không trả lời đúng. Hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <source>The chip could not be read. Lay the card down again.</source>
        <translation>Không đọc được chip. Hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <source>The keys do not open this chip: scan the card&apos;s QR or type its ID number.</source>
        <translation>Khóa không mở được chip này: hãy quét mã QR của thẻ hoặc nhập số định danh.</translation>
    </message>
    <message>
        <source>NOT GENUINE: the chip failed chip authentication (possible copy).</source>
        <translation>KHÔNG HỢP LỆ: chip không qua xác thực chip (có thể là thẻ sao chép).</translation>
    </message>
    <message>
        <source>The chip&apos;s answers failed their integrity check. Lay the card down again.</source>
        <translation>Dữ liệu chip trả về không qua kiểm tra toàn vẹn. Hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <source>The chip gave an answer that is not valid. Lay the card down again.</source>
        <translation>Chip trả lời không hợp lệ. Hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <source>The chip uses a protocol this app does not support.</source>
        <translation>Chip dùng giao thức mà phần mềm này chưa hỗ trợ.</translation>
    </message>
    <message>
        <source>The chip refused a command. Lay the card down again.</source>
        <translation>Chip từ chối một lệnh. Hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <source>A file on the chip could not be read. Lay the card down again.</source>
        <translation>Không đọc được một tệp trên chip. Hãy đặt lại thẻ.</translation>
    </message>
    <message>
        <source>The card reader refused long answers from the chip. Try another reader.</source>
        <translation>Đầu đọc thẻ không nhận được câu trả lời dài của chip. Hãy thử đầu đọc khác.</translation>
    </message>
    <message>
        <source>The data on the chip could not be understood.</source>
        <translation>Không hiểu được dữ liệu trên chip.</translation>
    </message>
    <message>
        <source>The capture was cancelled.</source>
        <translation>Đã hủy việc quét/chụp.</translation>
    </message>
    <message>
        <source>The PDF of the component could not be made. Check the disk and try again.</source>
        <translation>Không tạo được tệp PDF của thành phần hồ sơ. Hãy kiểm tra ổ đĩa và thử lại.</translation>
    </message>
    <message>
        <source>Every page is blank or deleted: there is nothing to save.</source>
        <translation>Mọi trang đều trắng hoặc đã bị xóa: không có gì để lưu.</translation>
    </message>
    <message>
        <source>The copy could not be signed and was not saved. Check the token and try again.</source>
        <translation>Không ký số được bản điện tử nên bản này chưa được lưu. Hãy kiểm tra thiết bị ký số và thử lại.</translation>
    </message>
    <message>
        <source>No signing token is configured or its PIN was not given: copies are marked, not signed.</source>
        <translation>Chưa cấu hình thiết bị ký số hoặc chưa nhập mã PIN: bản điện tử được đánh dấu chuyển đổi nhưng chưa ký số.</translation>
    </message>
    <message>
        <source>The signing token cannot be used. Check that it is plugged in.</source>
        <translation>Không dùng được thiết bị ký số. Hãy kiểm tra thiết bị đã được cắm vào máy.</translation>
    </message>
    <message>
        <source>The signing token or its key was not found. Plug it in and try again.</source>
        <translation>Không tìm thấy thiết bị ký số hoặc khóa ký trên thiết bị. Hãy cắm thiết bị và thử lại.</translation>
    </message>
    <message>
        <source>The signing token refused the PIN.</source>
        <translation>Thiết bị ký số từ chối mã PIN.</translation>
    </message>
    <message>
        <source>A file could not be read; the other files were not affected.</source>
        <translation>Không đọc được một tệp; các tệp khác không bị ảnh hưởng.</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>Không đọc được tệp.</translation>
    </message>
    <message>
        <source>This is not a file that can be opened (a folder or a device).</source>
        <translation>Đây không phải là tệp có thể mở (thư mục hoặc thiết bị).</translation>
    </message>
    <message>
        <source>The file is too large to open.</source>
        <translation>Tệp quá lớn, không mở được.</translation>
    </message>
    <message>
        <source>The image is too large to open.</source>
        <translation>Ảnh quá lớn, không mở được.</translation>
    </message>
    <message>
        <source>This form is not available.</source>
        <translation>Không có biểu mẫu này.</translation>
    </message>
    <message>
        <source>The corrected wording of a form is invalid. Call the administrator.</source>
        <translation>Nội dung biểu mẫu đã sửa không hợp lệ. Hãy gọi quản trị viên.</translation>
    </message>
    <message>
        <source>The form could not be prepared.</source>
        <translation>Không chuẩn bị được biểu mẫu.</translation>
    </message>
    <message>
        <source>The PDF could not be written there. Choose another folder or free some space.</source>
        <translation>Không ghi được tệp PDF vào đó. Hãy chọn thư mục khác hoặc giải phóng dung lượng đĩa.</translation>
    </message>
    <message>
        <source>The printer could not be opened. Check it and try again.</source>
        <translation>Không mở được máy in. Hãy kiểm tra máy in rồi thử lại.</translation>
    </message>
    <message>
        <source>The dossier could not be sent to the province&apos;s system. It stays queued.</source>
        <translation>Không gửi được hồ sơ lên hệ thống của tỉnh. Hồ sơ vẫn nằm trong hàng đợi.</translation>
    </message>
    <message>
        <source>The province&apos;s system did not answer in time. The dossier will be sent again automatically.</source>
        <translation>Hệ thống của tỉnh không trả lời kịp. Hồ sơ sẽ được tự động gửi lại.</translation>
    </message>
    <message>
        <source>The province&apos;s system cannot be reached. The counter keeps working offline.</source>
        <translation>Không kết nối được hệ thống của tỉnh. Quầy vẫn tiếp tục làm việc ngoại tuyến.</translation>
    </message>
    <message>
        <source>The province&apos;s system is temporarily unavailable. The dossier will be sent later.</source>
        <translation>Hệ thống của tỉnh tạm thời không hoạt động. Hồ sơ sẽ được gửi sau.</translation>
    </message>
    <message>
        <source>The province&apos;s system refused the dossier. See the reason and correct it.</source>
        <translation>Hệ thống của tỉnh từ chối hồ sơ. Hãy xem lý do và sửa lại.</translation>
    </message>
    <message>
        <source>The province&apos;s system found the dossier invalid. See the reason and correct it.</source>
        <translation>Hệ thống của tỉnh cho rằng hồ sơ không hợp lệ. Hãy xem lý do và sửa lại.</translation>
    </message>
    <message>
        <source>The province&apos;s system already holds a different dossier with this code. Call the administrator.</source>
        <translation>Hệ thống của tỉnh đã có một hồ sơ khác mang mã này. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>The province&apos;s system refused the counter&apos;s credentials. Call the administrator.</source>
        <translation>Hệ thống của tỉnh từ chối thông tin đăng nhập của quầy. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>A file of the dossier is missing on this computer.</source>
        <translation>Một tệp của hồ sơ không còn trên máy này.</translation>
    </message>
    <message>
        <source>The dossier&apos;s record cannot be sent as it is (a fault in the app). The details are in the log.</source>
        <translation>Không gửi được bản ghi hồ sơ như hiện có (lỗi của phần mềm). Chi tiết có trong nhật ký.</translation>
    </message>
    <message>
        <source>Sending was stopped.</source>
        <translation>Đã dừng việc gửi.</translation>
    </message>
    <message>
        <source>The address of the province&apos;s system is not configured. Call the administrator.</source>
        <translation>Chưa cấu hình địa chỉ hệ thống của tỉnh. Hãy báo quản trị viên.</translation>
    </message>
    <message>
        <source>No dossier with this code is in the upload queue.</source>
        <translation>Không có hồ sơ nào mang mã này trong hàng đợi gửi.</translation>
    </message>
    <message>
        <source>The ID number must have 12 digits.</source>
        <translation>Số định danh phải gồm 12 chữ số.</translation>
    </message>
    <message>
        <source>The ID number starts with an unknown province code.</source>
        <translation>Số định danh bắt đầu bằng mã tỉnh không xác định.</translation>
    </message>
    <message>
        <source>The ID number&apos;s century digit does not match the date of birth.</source>
        <translation>Chữ số thế kỷ trong số định danh không khớp với ngày sinh.</translation>
    </message>
    <message>
        <source>The ID number&apos;s sex digit does not match the sex.</source>
        <translation>Chữ số giới tính trong số định danh không khớp với giới tính.</translation>
    </message>
    <message>
        <source>The ID number&apos;s birth year does not match the date of birth.</source>
        <translation>Năm sinh trong số định danh không khớp với ngày sinh.</translation>
    </message>
    <message>
        <source>The date of birth is missing.</source>
        <translation>Thiếu ngày sinh.</translation>
    </message>
    <message>
        <source>The date of birth is not a real date.</source>
        <translation>Ngày sinh không phải là ngày có thật.</translation>
    </message>
    <message>
        <source>The issue date is missing.</source>
        <translation>Thiếu ngày cấp.</translation>
    </message>
    <message>
        <source>The issue date is not a real date.</source>
        <translation>Ngày cấp không phải là ngày có thật.</translation>
    </message>
    <message>
        <source>The issue date is in the future.</source>
        <translation>Ngày cấp ở tương lai.</translation>
    </message>
    <message>
        <source>The issue date is before the date of birth.</source>
        <translation>Ngày cấp trước ngày sinh.</translation>
    </message>
    <message>
        <source>The card has expired: it still shows the ID number, ask for a valid paper.</source>
        <translation>Thẻ đã hết hạn sử dụng: vẫn xác định được số định danh, đề nghị xuất trình giấy tờ còn hiệu lực.</translation>
    </message>
    <message>
        <source>The address names a district abolished in 2025: confirm the current address (..., phường/xã, tỉnh/thành phố).</source>
        <translation>Địa chỉ ghi đơn vị cấp huyện đã bị bãi bỏ năm 2025: xác nhận địa chỉ hiện tại (..., phường/xã, tỉnh/thành phố).</translation>
    </message>
    <message>
        <source>The sex is neither Nam nor Nữ.</source>
        <translation>Giới tính không phải Nam hoặc Nữ.</translation>
    </message>
    <message>
        <source>The sex was written without diacritics.</source>
        <translation>Giới tính được ghi không dấu.</translation>
    </message>
    <message>
        <source>The old ID (CMND) number is not 9 or 12 digits.</source>
        <translation>Số CMND cũ không có 9 hoặc 12 chữ số.</translation>
    </message>
    <message>
        <source>This QR layout is not confirmed yet: check every field.</source>
        <translation>Dạng mã QR này chưa được xác nhận: hãy kiểm tra từng trường.</translation>
    </message>
    <message>
        <source>Some letters look garbled by the scanner: check names and addresses.</source>
        <translation>Một số chữ có vẻ bị máy quét làm sai: hãy kiểm tra họ tên và địa chỉ.</translation>
    </message>
    <message>
        <source>A name or address holds formatting codes (HTML tags): it is shown as plain text, check it.</source>
        <translation>Họ tên hoặc địa chỉ có chứa mã định dạng (thẻ HTML): chỉ hiển thị dạng chữ thường, hãy kiểm tra lại.</translation>
    </message>
    <message>
        <source>The check digits of the chip&apos;s MRZ do not match: check the details.</source>
        <translation>Chữ số kiểm tra trong vùng MRZ của chip không khớp: hãy kiểm tra lại thông tin.</translation>
    </message>
    <message>
        <source>The chip records a sex that is neither Nam nor Nữ.</source>
        <translation>Giới tính ghi trên chip không phải Nam hoặc Nữ.</translation>
    </message>
    <message>
        <source>The photo on the chip could not be shown.</source>
        <translation>Không hiển thị được ảnh trên chip.</translation>
    </message>
    <message>
        <source>This person already has an open dossier for this procedure: %1.</source>
        <translation>Người này đã có hồ sơ đang giải quyết cho thủ tục này: %1.</translation>
    </message>
    <message>
        <source>Enter the applicant&apos;s full name.</source>
        <translation>Nhập họ và tên người nộp hồ sơ.</translation>
    </message>
    <message>
        <source>Enter the address.</source>
        <translation>Nhập địa chỉ.</translation>
    </message>
    <message>
        <source>The phone number is not valid (10 digits starting with 0, e.g. 0912345678).</source>
        <translation>Số điện thoại không hợp lệ (10 chữ số bắt đầu bằng 0, ví dụ 0912345678).</translation>
    </message>
    <message>
        <source>The email address is not valid.</source>
        <translation>Địa chỉ email không hợp lệ.</translation>
    </message>
    <message>
        <source>Enter the name of the person or organisation represented.</source>
        <translation>Nhập tên người hoặc tổ chức được đại diện.</translation>
    </message>
    <message>
        <source>The represented person&apos;s ID number must have 12 digits.</source>
        <translation>Số định danh của người được đại diện phải có 12 chữ số.</translation>
    </message>
    <message>
        <source>The tax code must have 10 digits (or 10 digits, a dash and 3 digits).</source>
        <translation>Mã số thuế phải có 10 chữ số (hoặc 10 chữ số, dấu gạch ngang và 3 chữ số).</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="36"/>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/gui/procedure_picker.py" line="40"/>
        <source>Search by code or name, e.g. khai sinh</source>
        <translation>Tìm theo mã hoặc tên, ví dụ: khai sinh</translation>
    </message>
</context>
<context>
    <name>QrIntake</name>
    <message>
        <location filename="../../ui/gui/qr_intake.py" line="45"/>
        <source>full name</source>
        <translation>họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/gui/qr_intake.py" line="46"/>
        <source>place of residence</source>
        <translation>nơi thường trú</translation>
    </message>
    <message>
        <location filename="../../ui/gui/qr_intake.py" line="47"/>
        <source>sex</source>
        <translation>giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/gui/qr_intake.py" line="58"/>
        <source>This QR code is not the QR of an ID card (%1).</source>
        <translation>Mã QR này không phải mã QR của thẻ căn cước (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/gui/qr_intake.py" line="79"/>
        <source>Check this field: the scanner may have garbled it.</source>
        <translation>Kiểm tra trường này: máy quét có thể đã làm sai chữ.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/qr_intake.py" line="95"/>
        <source>The scanner typed Vietnamese letters wrongly.</source>
        <translation>Máy quét đã gõ sai chữ tiếng Việt.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/qr_intake.py" line="97"/>
        <source>Repaired: %1.</source>
        <translation>Đã tự sửa: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/qr_intake.py" line="100"/>
        <source>Check and retype: %1. The ID number and dates are correct.</source>
        <translation>Kiểm tra và gõ lại: %1. Số định danh và các ngày tháng đúng.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="46"/>
        <source>Receipt — %1</source>
        <translation>Giấy tiếp nhận — %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="49"/>
        <source>Receipt and appointment (Mẫu 01)</source>
        <translation>Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="51"/>
        <source>Request to complete the dossier (Mẫu 02)</source>
        <translation>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="53"/>
        <source>Refusal (Mẫu 03)</source>
        <translation>Phiếu từ chối tiếp nhận (Mẫu 03)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="55"/>
        <location filename="../../ui/gui/receipt_dialog.py" line="84"/>
        <source>Preparing the form…</source>
        <translation>Đang chuẩn bị biểu mẫu…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="61"/>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="64"/>
        <source>Export PDF…</source>
        <translation>Xuất PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="103"/>
        <source>%1 pages</source>
        <translation>%1 trang</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="121"/>
        <source>Printing…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="126"/>
        <source>Print the form</source>
        <translation>In biểu mẫu</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="135"/>
        <source>Export PDF</source>
        <translation>Xuất PDF</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="135"/>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="145"/>
        <source>Saved as %1</source>
        <translation>Đã lưu thành %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/receipt_dialog.py" line="152"/>
        <source>Sent to the printer.</source>
        <translation>Đã gửi đến máy in.</translation>
    </message>
    <message>
        <source>Receipt and appointment (Mẫu %1)</source>
        <translation>Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu %1)</translation>
    </message>
    <message>
        <source>Request to complete the dossier (Mẫu %1)</source>
        <translation>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu %1)</translation>
    </message>
    <message>
        <source>Refusal (Mẫu %1)</source>
        <translation>Phiếu từ chối tiếp nhận (Mẫu %1)</translation>
    </message>
    <message>
        <source>Apology and new appointment (Mẫu %1)</source>
        <translation>Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu %1)</translation>
    </message>
    <message>
        <source>Notice of stopping (Mẫu %1)</source>
        <translation>Thông báo dừng giải quyết (Mẫu %1)</translation>
    </message>
    <message>
        <source>Control sheet (Mẫu %1)</source>
        <translation>Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu %1)</translation>
    </message>
    <message>
        <source>Ledger (Mẫu %1)</source>
        <translation>Sổ theo dõi hồ sơ (Mẫu %1)</translation>
    </message>
</context>
<context>
    <name>RepresentationPanel</name>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="21"/>
        <source>For themselves</source>
        <translation>Tự nộp cho bản thân</translation>
    </message>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="23"/>
        <source>Representing another person</source>
        <translation>Nộp thay cho người khác</translation>
    </message>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="25"/>
        <source>Representing an organisation</source>
        <translation>Nộp cho tổ chức</translation>
    </message>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="34"/>
        <source>Submits</source>
        <translation>Nộp hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="35"/>
        <source>Represented</source>
        <translation>Người được đại diện</translation>
    </message>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="36"/>
        <location filename="../../ui/gui/representation_panel.py" line="75"/>
        <source>ID number</source>
        <translation>Số định danh (CCCD)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="37"/>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="72"/>
        <source>Organisation</source>
        <translation>Tổ chức</translation>
    </message>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="72"/>
        <source>Represented person</source>
        <translation>Người được đại diện</translation>
    </message>
    <message>
        <location filename="../../ui/gui/representation_panel.py" line="75"/>
        <source>Tax code</source>
        <translation>Mã số thuế</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="20"/>
        <source>SIMULATED DEVICES</source>
        <translation>THIẾT BỊ MÔ PHỎNG</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="24"/>
        <source>Simulated: %1</source>
        <translation>Mô phỏng: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="45"/>
        <source>simulated</source>
        <translation>mô phỏng</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="50"/>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="52"/>
        <source>card present</source>
        <translation>có thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="54"/>
        <source>ready</source>
        <translation>sẵn sàng</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="57"/>
        <source>Not sent: %1</source>
        <translation>Chưa gửi: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="59"/>
        <source>Dossiers are kept on this computer until the server confirms them.</source>
        <translation>Hồ sơ được lưu trên máy này cho đến khi máy chủ xác nhận đã nhận.</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="69"/>
        <source>Card reader</source>
        <translation>Đầu đọc thẻ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="70"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/gui/status_bar.py" line="71"/>
        <source>Scanner</source>
        <translation>Máy quét</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>lỗi</translation>
    </message>
</context>
<context>
    <name>UploadControls</name>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="56"/>
        <source>Send now</source>
        <translation>Gửi ngay</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="58"/>
        <source>Send the dossiers waiting in the queue now</source>
        <translation>Gửi ngay các hồ sơ đang chờ trong hàng đợi</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="60"/>
        <source>Retry upload</source>
        <translation>Gửi lại</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="62"/>
        <source>Send the selected dossier again (after fixing it)</source>
        <translation>Gửi lại hồ sơ đang chọn (sau khi đã sửa)</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="79"/>
        <location filename="../../ui/gui/upload_controls.py" line="115"/>
        <source>uploading…</source>
        <translation>đang gửi…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="85"/>
        <source>uploading %1 %</source>
        <translation>đang gửi %1 %</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="109"/>
        <source>sent ✓ %1</source>
        <translation>đã gửi ✓ %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="110"/>
        <source>Confirmed by the server at %1</source>
        <translation>Máy chủ đã xác nhận lúc %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="113"/>
        <source>needs attention: %1</source>
        <translation>cần xử lý: %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="117"/>
        <source>queued, next try %1</source>
        <translation>đang chờ, thử lại lúc %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="119"/>
        <source>queued</source>
        <translation>đang chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="126"/>
        <source>no server configured</source>
        <translation>chưa cấu hình máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="128"/>
        <source>connecting…</source>
        <translation>đang kết nối…</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="130"/>
        <source>online</source>
        <translation>trực tuyến</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="130"/>
        <source>offline</source>
        <translation>mất kết nối</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="133"/>
        <source>oldest %1</source>
        <translation>cũ nhất %1</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="136"/>
        <source>%1 need attention</source>
        <translation>%1 hồ sơ cần xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/gui/upload_controls.py" line="141"/>
        <source>Last error (%1): %2</source>
        <translation>Lỗi gần nhất (%1): %2</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>&amp;Counter</source>
        <translation>&amp;Quầy</translation>
    </message>
    <message>
        <source>Lock the counter</source>
        <translation>Khóa quầy</translation>
    </message>
    <message>
        <source>Clerk accounts…</source>
        <translation>Tài khoản cán bộ…</translation>
    </message>
</context>
<context>
    <name>ClerkAccountsDialog</name>
    <message>
        <source>Clerk accounts</source>
        <translation>Tài khoản cán bộ</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Cán bộ tiếp nhận</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị viên</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Thêm tài khoản</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Đặt mật khẩu</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Khóa tài khoản</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Password or PIN</source>
        <translation>Mật khẩu hoặc mã PIN</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>quản trị viên</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>cán bộ tiếp nhận</translation>
    </message>
    <message>
        <source> (off)</source>
        <translation> (đã khóa)</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password or PIN</source>
        <translation>Mật khẩu hoặc mã PIN</translation>
    </message>
    <message>
        <source>The counter was locked: nobody used it for a while. Sign in.</source>
        <translation>Quầy đã khóa vì không có ai sử dụng một lúc. Hãy đăng nhập.</translation>
    </message>
    <message>
        <source>Sign in to work at this counter.</source>
        <translation>Hãy đăng nhập để làm việc tại quầy này.</translation>
    </message>
    <message>
        <source>The counter was locked: nobody used it for a while.</source>
        <translation>Quầy đã khóa vì không có ai sử dụng một lúc.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <source>Type your name and your password or PIN.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu hoặc mã PIN.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <source>Camera preview (F2 scans the ID card QR)</source>
        <translation>Hình ảnh camera (F2 để quét mã QR của thẻ căn cước)</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <source>Dossier %1</source>
        <translation>Hồ sơ %1</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Giờ nhận</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>chưa gửi</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <source>Received as</source>
        <translation>Hình thức nhận</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>paper</source>
        <translation>bản giấy</translation>
    </message>
    <message>
        <source>digitised</source>
        <translation>bản điện tử</translation>
    </message>
    <message>
        <source>reused</source>
        <translation>tái sử dụng</translation>
    </message>
    <message>
        <source>not received</source>
        <translation>chưa nộp</translation>
    </message>
    <message>
        <source>Reprint the receipt…</source>
        <translation>In lại giấy tiếp nhận…</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Gửi lại</translation>
    </message>
</context>
<context>
    <name>SourceBadge</name>
    <message>
        <source>QR</source>
        <translation>QR</translation>
    </message>
    <message>
        <source>read from the ID card QR</source>
        <translation>đọc từ mã QR trên thẻ căn cước</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>gõ tay</translation>
    </message>
    <message>
        <source>typed by the clerk</source>
        <translation>cán bộ gõ tay</translation>
    </message>
    <message>
        <source>chip ✓</source>
        <translation>chip ✓</translation>
    </message>
    <message>
        <source>read from the chip, issuer verified</source>
        <translation>đọc từ chip, đã xác minh cơ quan cấp</translation>
    </message>
    <message>
        <source>chip ?</source>
        <translation>chip ?</translation>
    </message>
    <message>
        <source>read from the chip, issuer not verified</source>
        <translation>đọc từ chip, chưa xác minh cơ quan cấp</translation>
    </message>
    <message>
        <source>VNeID</source>
        <translation>VNeID</translation>
    </message>
    <message>
        <source>read from the QR shown on the VNeID app</source>
        <translation>đọc từ mã QR trên ứng dụng VNeID</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Unlock signing</source>
        <translation>Mở khóa ký số</translation>
    </message>
    <message>
        <source>Enter the PIN of your signing token. It is asked once per session and never stored.</source>
        <translation>Nhập mã PIN của thiết bị ký số (USB token). Mã PIN chỉ được hỏi một lần trong phiên làm việc và không được lưu lại.</translation>
    </message>
    <message>
        <source>Token PIN</source>
        <translation>Mã PIN của token</translation>
    </message>
</context>
<context>
    <name>SigningSession</name>
    <message>
        <source>Unlock signing…</source>
        <translation>Mở khóa ký số…</translation>
    </message>
    <message>
        <source>Type the PIN, or Cancel to save the copies unsigned.</source>
        <translation>Hãy nhập mã PIN, hoặc bấm Hủy để lưu bản sao không ký số.</translation>
    </message>
    <message>
        <source>Checking the PIN on the signing token…</source>
        <translation>Đang kiểm tra mã PIN trên thiết bị ký số…</translation>
    </message>
    <message>
        <source>Signing not unlocked: copies are marked but not signed.</source>
        <translation>Chưa mở khóa ký số: bản sao có dấu chuyển đổi nhưng chưa được ký số.</translation>
    </message>
    <message>
        <source>Signing unlocked: %1.</source>
        <translation>Đã mở khóa ký số: %1.</translation>
    </message>
    <message>
        <source>The token did not accept the PIN (%1). Type it again.</source>
        <translation>Thiết bị ký số không chấp nhận mã PIN (%1). Hãy nhập lại.</translation>
    </message>
    <message>
        <source>The signing token cannot be used: copies are marked but not signed.</source>
        <translation>Không dùng được thiết bị ký số: bản sao có dấu chuyển đổi nhưng chưa được ký số.</translation>
    </message>
    <message>
        <source>No signing token: copies unsigned</source>
        <translation>Không có thiết bị ký số: bản sao không ký</translation>
    </message>
    <message>
        <source>Signing: PIN not given yet</source>
        <translation>Ký số: chưa nhập mã PIN</translation>
    </message>
    <message>
        <source>Signing as %1</source>
        <translation>Ký số: %1</translation>
    </message>
    <message>
        <source>Not signing: copies marked but unsigned</source>
        <translation>Không ký số: bản sao có dấu chuyển đổi, chưa ký</translation>
    </message>
</context>
<context>
    <name>SubjectRequestsDialog</name>
    <message>
        <source>Data subjects' requests</source>
        <translation>Yêu cầu của chủ thể dữ liệu</translation>
    </message>
    <message>
        <source>ID number (12 digits)</source>
        <translation>Số định danh (12 chữ số)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Đánh dấu đã xong</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ngày nhận</translation>
    </message>
    <message>
        <source>Acknowledge by</source>
        <translation>Xác nhận trước</translation>
    </message>
    <message>
        <source>Answer by</source>
        <translation>Trả lời trước</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Đã xong</translation>
    </message>
    <message>
        <source>see the data</source>
        <translation>xem dữ liệu</translation>
    </message>
    <message>
        <source>correct the data</source>
        <translation>chỉnh sửa dữ liệu</translation>
    </message>
    <message>
        <source>a copy of the data</source>
        <translation>cung cấp bản sao dữ liệu</translation>
    </message>
    <message>
        <source>restrict processing</source>
        <translation>hạn chế xử lý</translation>
    </message>
    <message>
        <source>object to processing</source>
        <translation>phản đối xử lý</translation>
    </message>
    <message>
        <source>delete the data</source>
        <translation>xoá dữ liệu</translation>
    </message>
    <message>
        <source>An ID number has 12 digits.</source>
        <translation>Số định danh gồm 12 chữ số.</translation>
    </message>
    <message>
        <source>Choose a request first.</source>
        <translation>Hãy chọn một yêu cầu trước.</translation>
    </message>
    <message>
        <source>past its due date</source>
        <translation>đã quá hạn</translation>
    </message>
    <message>
        <source>due within two days</source>
        <translation>đến hạn trong hai ngày</translation>
    </message>
    <message>
        <source>%1 request(s) near or past a due date.</source>
        <translation>%1 yêu cầu sắp đến hạn hoặc đã quá hạn.</translation>
    </message>
</context>
<context>
    <name>SharedOffers</name>
    <message>
        <source>%1 — %2 — %3 page(s) — shared store, signed by %4</source>
        <translation>%1 — %2 — %3 trang — kho dùng chung, ký số: %4</translation>
    </message>
    <message>
        <source>%1 — %2 — %3 page(s) — shared store, not signed</source>
        <translation>%1 — %2 — %3 trang — kho dùng chung, chưa ký số</translation>
    </message>
    <message>
        <source>The province's shared store could not be reached: only this counter's copies are shown.</source>
        <translation>Không kết nối được kho dữ liệu dùng chung của tỉnh: chỉ hiện các bản lưu tại quầy này.</translation>
    </message>
    <message>
        <source>Fetching the copy from the shared store…</source>
        <translation>Đang tải bản sao từ kho dùng chung…</translation>
    </message>
    <message>
        <source>The copy could not be fetched from the shared store: scan it.</source>
        <translation>Không tải được bản sao từ kho dùng chung: hãy quét lại giấy tờ.</translation>
    </message>
</context>
</TS>
